using System.Security.Cryptography;
using StsFtw.Testing.Hygiene;

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>
/// What an authenticator app shows for an otpauth URI: RFC 6238 (HMAC-SHA1, 6 digits, 30 s), written here
/// independently of StsFtw.Core so the module is checked against the standard, not against itself.
/// </summary>
internal static class Phone
{
    public static byte[] SecretOf(string otpauthUri)
    {
        var query = new Uri(otpauthUri).Query.TrimStart('?').Split('&');
        var secret = query.Select(p => p.Split('=', 2)).Single(p => p[0] == "secret")[1];
        SecretLedger.Suite.Remember(SecretKind.OtpAuthUri, otpauthUri);
        SecretLedger.Suite.Remember(SecretKind.TotpSecret, Uri.UnescapeDataString(secret));
        return Base32(Uri.UnescapeDataString(secret));
    }

    public static string CodeAt(byte[] secret, DateTimeOffset moment, int stepOffset = 0)
    {
        var step = moment.ToUnixTimeSeconds() / 30 + stepOffset;
        var counter = new byte[8];
        for (var i = 7; i >= 0; i--, step >>= 8) counter[i] = (byte)(step & 0xFF);
        using var hmac = new HMACSHA1(secret);
        var hash = hmac.ComputeHash(counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var code = (binary % 1_000_000).ToString("D6");
        SecretLedger.Suite.Remember(SecretKind.Code, code);
        return code;
    }

    /// <summary>A code none of the three accepted steps shows.</summary>
    public static string WrongCodeAt(byte[] secret, DateTimeOffset moment)
    {
        var valid = new[] { -1, 0, 1 }.Select(o => CodeAt(secret, moment, o)).ToHashSet();
        var wrong = Enumerable.Range(0, 1000).Select(i => i.ToString("D6")).First(c => !valid.Contains(c));
        SecretLedger.Suite.Remember(SecretKind.Code, wrong);
        return wrong;
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | Alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return output.ToArray();
    }
}
