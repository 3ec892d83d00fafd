namespace StsFtw.PowerShell.Tests.Qr;

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
