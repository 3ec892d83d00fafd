using System.Globalization;
using System.Text;
using QRCoder;
using StsFtw.Client.Files;

namespace StsFtw.Client.Enrollment;

/// <summary>
/// Writes a QR code as a PNG or SVG file (chosen by the extension). The code holds the TOTP secret, so the file is
/// written owner-only and atomically, like a credentials file.
/// </summary>
public static class QrCodeFile
{
    private const int PixelsPerModule = 8;

    /// <summary>Null when <paramref name="path"/> ends in .png or .svg, else why not (naming the front door's <paramref name="setting"/>).</summary>
    public static string? CheckPath(string path, string setting = "-QrCodePath")
    {
        var extension = Path.GetExtension(path);
        return string.Equals(extension, ".png", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".svg", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{setting} must end in .png or .svg.";
    }

    /// <summary>Writes the QR code of <paramref name="text"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, string text)
    {
        if (CheckPath(path) is { } reason) throw new ArgumentException(reason, nameof(path));
        var bytes = string.Equals(Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase) ? Png(text) : Encoding.UTF8.GetBytes(Svg(text));
        OwnerOnlyFile.WriteAtomically(path, bytes);
    }

    /// <summary>The PNG image (black on white, quiet zone included).</summary>
    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(PixelsPerModule, drawQuietZones: true);
    }

    /// <summary>The SVG image: one path of unit squares on a white background, scaled by the viewBox.</summary>
    public static string Svg(string text)
    {
        var modules = TerminalQrCode.Modules(text);
        var size = modules.GetLength(0);
        var path = new StringBuilder();
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                if (modules[row, column]) path.Append(string.Format(CultureInfo.InvariantCulture, "M{0} {1}h1v1h-1z", column, row));
            }
        }
        var pixels = size * PixelsPerModule;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{pixels}\" height=\"{pixels}\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">" +
            $"<rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"{path}\"/></svg>\n";
    }
}
