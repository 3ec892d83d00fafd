namespace StsFtw.Core.Invitations;

/// <summary>Comparison in time that depends only on the lengths (netstandard2.0 has no CryptographicOperations).</summary>
internal static class FixedTime
{
    public static bool Equal(byte[] expected, byte[] actual)
    {
        var difference = expected.Length ^ actual.Length;
        var length = Math.Min(expected.Length, actual.Length);
        for (var i = 0; i < length; i++) difference |= expected[i] ^ actual[i];
        return difference == 0;
    }
}
