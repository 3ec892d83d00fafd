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
