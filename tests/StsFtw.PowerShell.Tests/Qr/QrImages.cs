using System.Text.RegularExpressions;

namespace StsFtw.PowerShell.Tests.Qr;

/// <summary>Turns what the module drew (terminal text, PNG, SVG) back into a greyscale picture for <see cref="QrScanner"/>.</summary>
internal static partial class QrImages
{
    /// <summary>Half-block lines: each character is two modules, upper and lower.</summary>
    public static GreyImage FromTerminal(IReadOnlyList<string> lines)
    {
        var width = lines.Max(l => l.Length);
        var matrix = new bool[lines.Count * 2, width];
        for (var row = 0; row < lines.Count; row++)
        {
            for (var column = 0; column < lines[row].Length; column++)
            {
                var c = lines[row][column];
                matrix[row * 2, column] = c is '\u2588' or '\u2580';
                matrix[row * 2 + 1, column] = c is '\u2588' or '\u2584';
                if (c is not ('\u2588' or '\u2580' or '\u2584' or ' ')) throw new FormatException($"Unexpected character U+{(int)c:X4} in the QR drawing.");
            }
        }
        return GreyImage.FromModules(matrix);
    }

    /// <summary>An SVG made of unit squares (M x y h1v1h-1z) in a viewBox of the symbol's size.</summary>
    public static GreyImage FromSvg(string svg)
    {
        var size = int.Parse(ViewBox().Match(svg).Groups[1].Value);
        var matrix = new bool[size, size];
        foreach (Match square in Square().Matches(svg)) matrix[int.Parse(square.Groups[2].Value), int.Parse(square.Groups[1].Value)] = true;
        return GreyImage.FromModules(matrix);
    }

    /// <summary>A PNG, as its pixels' luminance.</summary>
    public static GreyImage FromPng(byte[] png) => PngReader.Decode(png);

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\d+\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("M(\\d+) (\\d+)h1v1h-1z")]
    private static partial Regex Square();
}
