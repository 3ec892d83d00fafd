using System.Security.Cryptography;

namespace StsFtw.Testing.Fakes;

/// <summary>
/// The codes of an empty secret — what STSFTW effectively verified against for a missing secondary. Otp.NET
/// refuses empty keys, so RFC 4226's dynamic truncation is written out here.
/// </summary>
public static class EmptyKeyTotp
{
    public static string CodeAt(DateTimeOffset moment)
    {
        var counter = moment.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        using var hmac = new HMACSHA1(Array.Empty<byte>());
        var hash = hmac.ComputeHash(message);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
