using ZXing;
using ZXing.Common;

namespace StsFtw.PowerShell.Tests.Qr;

/// <summary>
/// Reads a QR code back from a picture with ZXing.Net's QR reader: sampling, format and version information,
/// unmasking, Reed–Solomon correction of every block, then the data segments.
/// </summary>
/// <remarks>
/// The pictures here are pure barcodes (the code and its quiet zone, square to the axes, nothing else), so the
/// reader is told so (<see cref="DecodingOptions.PureBarcode"/>) and reads the modules from the code's bounding box.
/// Its camera-style finder-pattern search misplaces a finder pattern on about 1 % of such perfect pictures
/// (ZXing.Net issue 483; 19 of 2,000 random enrollment URIs here), which would make these tests flaky.
/// </remarks>
internal static class QrScanner
{
    /// <summary>The text of the QR code in <paramref name="image"/>; throws when none can be read.</summary>
    public static string Scan(GreyImage image)
    {
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = false,
            Options = new DecodingOptions { PossibleFormats = new[] { BarcodeFormat.QR_CODE }, TryHarder = true, PureBarcode = true },
        };
        var source = new RGBLuminanceSource(image.Pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = reader.Decode(source)
            ?? throw new System.FormatException($"No QR code could be read in the {image.Width}×{image.Height} picture.");
        if (result.BarcodeFormat != BarcodeFormat.QR_CODE) throw new System.FormatException($"Read a {result.BarcodeFormat}, not a QR code.");
        return result.Text;
    }
}

/// <summary>An 8-bit greyscale picture, row after row (0 = black, 255 = white).</summary>
internal sealed record GreyImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>
    /// Draws a module matrix (true = dark) black on white, <paramref name="pixelsPerModule"/> pixels a side per
    /// module. Nothing is added around it: the picture is what the module drew, its quiet zone included.
    /// </summary>
    public static GreyImage FromModules(bool[,] modules, int pixelsPerModule = 4)
    {
        int rows = modules.GetLength(0), columns = modules.GetLength(1);
        var image = new GreyImage(columns * pixelsPerModule, rows * pixelsPerModule, new byte[rows * columns * pixelsPerModule * pixelsPerModule]);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++) image.Pixels[y * image.Width + x] = modules[y / pixelsPerModule, x / pixelsPerModule] ? (byte)0 : (byte)255;
        }
        return image;
    }
}
