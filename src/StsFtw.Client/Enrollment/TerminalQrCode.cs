using QRCoder;

namespace StsFtw.Client.Enrollment;

/// <summary>
/// Draws a QR code with text: two module rows per line, using the half blocks ▀ ▄ █ and a space. Dark modules are
/// the foreground, so the lines must be written black on white (the host is asked for exactly that).
/// </summary>
/// <remarks>Error correction level M and a quiet zone of four modules, as scanners expect.</remarks>
public static class TerminalQrCode
{
    /// <summary>Full block: both modules dark.</summary>
    public const char BothDark = '\u2588';

    /// <summary>Upper half block: the upper module dark.</summary>
    public const char UpperDark = '\u2580';

    /// <summary>Lower half block: the lower module dark.</summary>
    public const char LowerDark = '\u2584';

    /// <summary>Space: both modules light.</summary>
    public const char BothLight = ' ';

    /// <summary>The lines for <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Render(string text)
    {
        var matrix = Modules(text);
        var size = matrix.GetLength(0);
        var lines = new List<string>((size + 1) / 2);
        for (var row = 0; row < size; row += 2)
        {
            var chars = new char[size];
            for (var column = 0; column < size; column++)
            {
                var upper = matrix[row, column];
                var lower = row + 1 < size && matrix[row + 1, column];
                chars[column] = upper && lower ? BothDark : upper ? UpperDark : lower ? LowerDark : BothLight;
            }
            lines.Add(new string(chars));
        }
        return lines;
    }

    /// <summary>The module matrix (true = dark), quiet zone included.</summary>
    internal static bool[,] Modules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var matrix = new bool[rows.Count, rows.Count];
        for (var row = 0; row < rows.Count; row++)
        {
            for (var column = 0; column < rows.Count; column++) matrix[row, column] = rows[row][column];
        }
        return matrix;
    }
}
