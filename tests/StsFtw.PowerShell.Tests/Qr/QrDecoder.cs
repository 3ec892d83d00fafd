using System.Text;

namespace StsFtw.PowerShell.Tests.Qr;

/// <summary>
/// Reads a QR code (ISO/IEC 18004) back from its module matrix, as a scanner does after sampling: format
/// information, unmasking, the zigzag codeword order, de-interleaving, a Reed–Solomon check of every block, then the
/// data segments. Written from the standard for the tests (no decoder package is available here); it refuses
/// rather than guesses, so a code that decodes here is a well-formed QR code.
/// </summary>
internal static class QrDecoder
{
    // [level][version]: EC codewords per block and number of blocks (ISO/IEC 18004 table 9). Level order L, M, Q, H.
    private static readonly int[][] EccPerBlock =
    {
        new[] { -1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
        new[] { -1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28 },
        new[] { -1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
        new[] { -1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
    };

    private static readonly int[][] Blocks =
    {
        new[] { -1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25 },
        new[] { -1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49 },
        new[] { -1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68 },
        new[] { -1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81 },
    };

    /// <summary>Decodes a matrix (true = dark) that may carry a light quiet zone around the symbol.</summary>
    public static string Decode(bool[,] withQuietZone)
    {
        var m = Crop(withQuietZone);
        var size = m.GetLength(0);
        if (size < 21 || (size - 17) % 4 != 0) throw new FormatException($"A {size}-module symbol is not a QR code size.");
        var version = (size - 17) / 4;
        CheckFinder(m, 0, 0);
        CheckFinder(m, 0, size - 7);
        CheckFinder(m, size - 7, 0);

        var (level, mask) = ReadFormat(m, size);
        var function = FunctionModules(version, size);
        var raw = RawDataModules(version) / 8;
        var codewords = new byte[raw];
        var bit = 0;
        for (var right = size - 1; right >= 1; right -= 2)
        {
            if (right == 6) right = 5;
            for (var vert = 0; vert < size; vert++)
            {
                for (var j = 0; j < 2; j++)
                {
                    var x = right - j;
                    var upward = ((right + 1) & 2) == 0;
                    var y = upward ? size - 1 - vert : vert;
                    if (function[y, x] || bit >= raw * 8) continue;
                    var dark = m[y, x] ^ MaskBit(mask, x, y);
                    if (dark) codewords[bit >> 3] |= (byte)(0x80 >> (bit & 7));
                    bit++;
                }
            }
        }
        if (bit != raw * 8) throw new FormatException("The symbol has fewer data modules than its version needs.");
        return ReadSegments(Deinterleave(codewords, version, level), version);
    }

    private static bool[,] Crop(bool[,] matrix)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        int top = rows, left = columns, bottom = -1, right = -1;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (!matrix[r, c]) continue;
                top = Math.Min(top, r);
                left = Math.Min(left, c);
                bottom = Math.Max(bottom, r);
                right = Math.Max(right, c);
            }
        }
        if (bottom < 0 || bottom - top != right - left) throw new FormatException("The dark modules do not form a square symbol.");
        var size = bottom - top + 1;
        var cropped = new bool[size, size];
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c < size; c++) cropped[r, c] = matrix[top + r, left + c];
        }
        return cropped;
    }

    private static void CheckFinder(bool[,] m, int row, int column)
    {
        for (var r = 0; r < 7; r++)
        {
            for (var c = 0; c < 7; c++)
            {
                var ring = Math.Max(Math.Abs(r - 3), Math.Abs(c - 3));
                if (m[row + r, column + c] != (ring != 2)) throw new FormatException("A finder pattern is damaged.");
            }
        }
    }

    private static (int Level, int Mask) ReadFormat(bool[,] m, int size)
    {
        // First copy around the top-left finder: bit i at (x, y) as ISO 18004 places it.
        var bits = 0;
        for (var i = 0; i <= 5; i++) bits |= (m[i, 8] ? 1 : 0) << i;
        bits |= (m[7, 8] ? 1 : 0) << 6;
        bits |= (m[8, 8] ? 1 : 0) << 7;
        bits |= (m[8, 7] ? 1 : 0) << 8;
        for (var i = 9; i < 15; i++) bits |= (m[8, 14 - i] ? 1 : 0) << i;
        // Second copy beside the other two finders must agree.
        var second = 0;
        for (var i = 0; i < 8; i++) second |= (m[8, size - 1 - i] ? 1 : 0) << i;
        for (var i = 8; i < 15; i++) second |= (m[size - 15 + i, 8] ? 1 : 0) << i;
        if (bits != second) throw new FormatException("The two copies of the format information differ.");
        if (!m[size - 8, 8]) throw new FormatException("The dark module is missing.");

        for (var data = 0; data < 32; data++)
        {
            if (FormatBits(data) != bits) continue;
            var levelBits = data >> 3;
            var level = levelBits switch { 1 => 0, 0 => 1, 3 => 2, _ => 3 };
            return (level, data & 7);
        }
        throw new FormatException("The format information is not a valid BCH codeword.");
    }

    private static int FormatBits(int data)
    {
        var remainder = data;
        for (var i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
        return ((data << 10) | remainder) ^ 0x5412;
    }

    private static bool[,] FunctionModules(int version, int size)
    {
        var f = new bool[size, size];
        void Mark(int x, int y)
        {
            if (x >= 0 && x < size && y >= 0 && y < size) f[y, x] = true;
        }
        for (var i = 0; i < size; i++)
        {
            Mark(6, i);
            Mark(i, 6);
        }
        foreach (var (cx, cy) in new[] { (3, 3), (size - 4, 3), (3, size - 4) })
        {
            for (var dy = -4; dy <= 4; dy++)
            {
                for (var dx = -4; dx <= 4; dx++) Mark(cx + dx, cy + dy);
            }
        }
        var positions = AlignmentPositions(version, size);
        for (var i = 0; i < positions.Length; i++)
        {
            for (var j = 0; j < positions.Length; j++)
            {
                var corner = (i == 0 && j == 0) || (i == 0 && j == positions.Length - 1) || (i == positions.Length - 1 && j == 0);
                if (corner) continue;
                for (var dy = -2; dy <= 2; dy++)
                {
                    for (var dx = -2; dx <= 2; dx++) Mark(positions[i] + dx, positions[j] + dy);
                }
            }
        }
        for (var i = 0; i <= 8; i++)
        {
            Mark(8, i);
            Mark(i, 8);
        }
        for (var i = 0; i < 8; i++)
        {
            Mark(size - 1 - i, 8);
            Mark(8, size - 1 - i);
        }
        if (version >= 7)
        {
            for (var i = 0; i < 18; i++)
            {
                var a = size - 11 + i % 3;
                var b = i / 3;
                Mark(a, b);
                Mark(b, a);
            }
        }
        return f;
    }

    private static int[] AlignmentPositions(int version, int size)
    {
        if (version == 1) return Array.Empty<int>();
        var count = version / 7 + 2;
        var step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
        var result = new int[count];
        result[0] = 6;
        for (int i = count - 1, position = size - 7; i >= 1; i--, position -= step) result[i] = position;
        return result;
    }

    private static int RawDataModules(int version)
    {
        var result = (16 * version + 128) * version + 64;
        if (version >= 2)
        {
            var count = version / 7 + 2;
            result -= (25 * count - 10) * count - 55;
            if (version >= 7) result -= 36;
        }
        return result;
    }

    private static bool MaskBit(int mask, int x, int y) => mask switch
    {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (x / 3 + y / 2) % 2 == 0,
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3) % 2 == 0,
        _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
    };

    private static byte[] Deinterleave(byte[] codewords, int version, int level)
    {
        var blockCount = Blocks[level][version];
        var eccLength = EccPerBlock[level][version];
        var shortBlocks = blockCount - codewords.Length % blockCount;
        var shortLength = codewords.Length / blockCount;
        // Reverse the interleaving: every block is shortLength + 1 long, short blocks with a gap after their data.
        var blocks = new byte[blockCount][];
        for (var b = 0; b < blockCount; b++) blocks[b] = new byte[shortLength + 1];
        var index = 0;
        for (var i = 0; i <= shortLength; i++)
        {
            for (var b = 0; b < blockCount; b++)
            {
                if (i == shortLength - eccLength && b < shortBlocks) continue;
                blocks[b][i] = codewords[index++];
            }
        }
        if (index != codewords.Length) throw new FormatException("The codeword count does not match the version's block structure.");

        var data = new List<byte>();
        for (var b = 0; b < blockCount; b++)
        {
            var dataLength = shortLength - eccLength + (b < shortBlocks ? 0 : 1);
            var dataPart = blocks[b].Take(dataLength).ToArray();
            var eccPart = blocks[b].Skip(shortLength + 1 - eccLength).ToArray();
            if (!ReedSolomon(dataPart, eccLength).SequenceEqual(eccPart)) throw new FormatException("A block fails its Reed–Solomon check.");
            data.AddRange(dataPart);
        }
        return data.ToArray();
    }

    private static byte[] ReedSolomon(byte[] data, int degree)
    {
        var divisor = new byte[degree];
        divisor[degree - 1] = 1;
        byte root = 1;
        for (var i = 0; i < degree; i++)
        {
            for (var j = 0; j < degree; j++)
            {
                divisor[j] = Multiply(divisor[j], root);
                if (j + 1 < degree) divisor[j] ^= divisor[j + 1];
            }
            root = Multiply(root, 0x02);
        }
        var result = new byte[degree];
        foreach (var b in data)
        {
            var factor = (byte)(b ^ result[0]);
            Array.Copy(result, 1, result, 0, degree - 1);
            result[degree - 1] = 0;
            for (var i = 0; i < degree; i++) result[i] ^= Multiply(divisor[i], factor);
        }
        return result;
    }

    private static byte Multiply(byte x, byte y)
    {
        var z = 0;
        for (var i = 7; i >= 0; i--)
        {
            z = (z << 1) ^ ((z >> 7) * 0x11D);
            z ^= ((y >> i) & 1) * x;
        }
        return (byte)z;
    }

    private static string ReadSegments(byte[] data, int version)
    {
        var reader = new BitReader(data);
        var text = new StringBuilder();
        const string Alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        while (reader.Remaining >= 4)
        {
            var mode = reader.Read(4);
            switch (mode)
            {
                case 0:
                    return text.ToString();
                case 0b0111:
                    reader.Read(8); // ECI designator (UTF-8 or Latin-1 both read as UTF-8 below for ASCII text)
                    break;
                case 0b0100:
                {
                    var count = reader.Read(version <= 9 ? 8 : 16);
                    var bytes = new byte[count];
                    for (var i = 0; i < count; i++) bytes[i] = (byte)reader.Read(8);
                    text.Append(Encoding.UTF8.GetString(bytes));
                    break;
                }
                case 0b0010:
                {
                    var count = reader.Read(version <= 9 ? 9 : version <= 26 ? 11 : 13);
                    for (; count >= 2; count -= 2)
                    {
                        var pair = reader.Read(11);
                        text.Append(Alphanumeric[pair / 45]).Append(Alphanumeric[pair % 45]);
                    }
                    if (count == 1) text.Append(Alphanumeric[reader.Read(6)]);
                    break;
                }
                case 0b0001:
                {
                    var count = reader.Read(version <= 9 ? 10 : version <= 26 ? 12 : 14);
                    for (; count >= 3; count -= 3) text.Append(reader.Read(10).ToString("D3"));
                    if (count == 2) text.Append(reader.Read(7).ToString("D2"));
                    if (count == 1) text.Append(reader.Read(4).ToString("D1"));
                    break;
                }
                default:
                    throw new FormatException($"Unsupported segment mode {mode}.");
            }
        }
        return text.ToString();
    }

    private sealed class BitReader(byte[] data)
    {
        private int _position;

        public int Remaining => data.Length * 8 - _position;

        public int Read(int count)
        {
            if (count > Remaining) throw new FormatException("A segment runs past the data.");
            var value = 0;
            for (var i = 0; i < count; i++, _position++) value = (value << 1) | ((data[_position >> 3] >> (7 - (_position & 7))) & 1);
            return value;
        }
    }
}
