using System.IO.Compression;

namespace StsFtw.PowerShell.Tests.Qr;

/// <summary>A minimal PNG reader (greyscale, palette or truecolour; 1–8 bits; no interlace) to luminance.</summary>
internal static class PngReader
{
    public static GreyImage Decode(byte[] png)
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
        var luminance = new byte[height * width];
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
                luminance[y * width + x] = (byte)(colourType switch
                {
                    0 or 4 => Sample(0),
                    3 => (palette[Raw(0) * 3] + palette[Raw(0) * 3 + 1] + palette[Raw(0) * 3 + 2]) / 3,
                    _ => (Sample(0) + Sample(1) + Sample(2)) / 3,
                });
            }
            previous = line;
        }
        return new GreyImage(width, height, luminance);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
