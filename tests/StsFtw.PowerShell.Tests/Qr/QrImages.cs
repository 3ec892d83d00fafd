using System.IO.Compression;
using System.Text.RegularExpressions;

namespace StsFtw.PowerShell.Tests.Qr;

/// <summary>Turns what the module drew (terminal text, PNG, SVG) back into a module matrix for <see cref="QrDecoder"/>.</summary>
internal static partial class QrImages
{
    /// <summary>Half-block lines: each character is two modules, upper and lower.</summary>
    public static bool[,] FromTerminal(IReadOnlyList<string> lines)
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
        return matrix;
    }

    /// <summary>An SVG made of unit squares (M x y h1v1h-1z) in a viewBox of the symbol's size.</summary>
    public static bool[,] FromSvg(string svg)
    {
        var size = int.Parse(ViewBox().Match(svg).Groups[1].Value);
        var matrix = new bool[size, size];
        foreach (Match square in Square().Matches(svg)) matrix[int.Parse(square.Groups[2].Value), int.Parse(square.Groups[1].Value)] = true;
        return matrix;
    }

    /// <summary>A PNG, sampled at the centre of each <paramref name="pixelsPerModule"/> square (dark = luminance below half).</summary>
    public static bool[,] FromPng(byte[] png, int pixelsPerModule)
    {
        var (width, height, pixels) = Png.Decode(png);
        var columns = width / pixelsPerModule;
        var rows = height / pixelsPerModule;
        var matrix = new bool[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++) matrix[r, c] = pixels[r * pixelsPerModule + pixelsPerModule / 2, c * pixelsPerModule + pixelsPerModule / 2] < 128;
        }
        return matrix;
    }

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\d+\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("M(\\d+) (\\d+)h1v1h-1z")]
    private static partial Regex Square();

    /// <summary>A minimal PNG reader (greyscale, palette or truecolour; 1–8 bits; no interlace) to luminance.</summary>
    private static class Png
    {
        public static (int Width, int Height, byte[,] Luminance) Decode(byte[] png)
        {
            if (!png.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 })) throw new FormatException("Not a PNG.");
            int width = 0, height = 0, depth = 0, colourType = 0;
            var palette = Array.Empty<byte>();
            using var idat = new MemoryStream();
            for (var offset = 8; offset < png.Length;)
            {
                var length = (png[offset] << 24) | (png[offset + 1] << 16) | (png[offset + 2] << 8) | png[offset + 3];
                var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
                var chunk = png.AsSpan(offset + 8, length);
                if (type == "IHDR")
                {
                    width = (chunk[0] << 24) | (chunk[1] << 16) | (chunk[2] << 8) | chunk[3];
                    height = (chunk[4] << 24) | (chunk[5] << 16) | (chunk[6] << 8) | chunk[7];
                    depth = chunk[8];
                    colourType = chunk[9];
                    if (chunk[12] != 0) throw new FormatException("Interlaced PNGs are not supported.");
                }
                else if (type == "PLTE")
                {
                    palette = chunk.ToArray();
                }
                else if (type == "IDAT")
                {
                    idat.Write(chunk);
                }
                offset += 12 + length;
            }
            var channels = colourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new FormatException("Unknown colour type.") };
            var bitsPerPixel = channels * depth;
            var stride = (width * bitsPerPixel + 7) / 8;
            var bytesPerPixel = Math.Max(1, bitsPerPixel / 8);
            idat.Position = 0;
            using var inflated = new MemoryStream();
            using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
            var raw = inflated.ToArray();
            var previous = new byte[stride];
            var luminance = new byte[height, width];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                var line = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
                for (var i = 0; i < stride; i++)
                {
                    int a = i >= bytesPerPixel ? line[i - bytesPerPixel] : 0, b = previous[i], c = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                    line[i] = (byte)(line[i] + filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new FormatException("Unknown PNG filter."),
                    });
                }
                for (var x = 0; x < width; x++)
                {
                    int Raw(int channel)
                    {
                        var bit = (x * channels + channel) * depth;
                        return (line[bit / 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1);
                    }
                    int Sample(int channel) => depth == 8 ? Raw(channel) : Raw(channel) * 255 / ((1 << depth) - 1);
                    luminance[y, x] = (byte)(colourType switch
                    {
                        0 or 4 => Sample(0),
                        3 => (palette[Raw(0) * 3] + palette[Raw(0) * 3 + 1] + palette[Raw(0) * 3 + 2]) / 3,
                        _ => (Sample(0) + Sample(1) + Sample(2)) / 3,
                    });
                }
                previous = line;
            }
            return (width, height, luminance);
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
