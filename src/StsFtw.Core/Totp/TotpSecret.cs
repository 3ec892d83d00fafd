using System.Security.Cryptography;
using OtpNet;

namespace StsFtw.Core.Totp;

/// <summary>
/// The shared secret of a TOTP authenticator (RFC 6238 K). At least 160 bits, as RFC 4226 R6 recommends.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> never shows the key: a secret that reaches a log or an exception message by accident
/// prints as <c>[redacted]</c>. Call <see cref="ToBase32"/> only to build the enrollment URI.
/// </remarks>
public sealed class TotpSecret
{
    /// <summary>Minimum key length in bytes (160 bits).</summary>
    public const int MinimumLengthBytes = 20;

    /// <summary>Maximum key length in bytes; longer keys are not written by any authenticator app.</summary>
    public const int MaximumLengthBytes = 64;

    private readonly byte[] _key;

    private TotpSecret(byte[] key) => _key = key;

    /// <summary>Number of bytes in the key.</summary>
    public int Length => _key.Length;

    /// <summary>Creates a new random 160-bit secret from the operating system's CSPRNG.</summary>
    public static TotpSecret Generate()
    {
        var key = new byte[MinimumLengthBytes];
        using (var rng = RandomNumberGenerator.Create())
        {
            rng.GetBytes(key);
        }
        return new TotpSecret(key);
    }

    /// <summary>Wraps key bytes (copied). Fails when the key is shorter than 160 bits or absurdly long.</summary>
    public static TotpSecret FromBytes(byte[] key)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        if (!IsAcceptableLength(key.Length))
        {
            throw new ArgumentException(
                $"A TOTP secret must be {MinimumLengthBytes} to {MaximumLengthBytes} bytes; got {key.Length}.", nameof(key));
        }
        return new TotpSecret((byte[])key.Clone());
    }

    /// <summary>Parses a base32 secret as authenticator apps write it: any case, padding and spaces optional.</summary>
    /// <returns>The secret, or <c>null</c> when the text is not base32 or the key is out of range.</returns>
    public static TotpSecret? TryParseBase32(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normalized = text!.Replace(" ", string.Empty).TrimEnd('=').ToUpperInvariant();
        if (normalized.Length == 0 || normalized.Length > 128) return null;
        foreach (var c in normalized)
        {
            var isBase32 = (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
            if (!isBase32) return null;
        }

        byte[] key;
        try
        {
            key = Base32Encoding.ToBytes(normalized);
        }
        catch (ArgumentException)
        {
            return null;
        }
        return IsAcceptableLength(key.Length) ? new TotpSecret(key) : null;
    }

    /// <summary>The key in base32 without padding, the form Google Authenticator and STSFTW write.</summary>
    public string ToBase32() => Base32Encoding.ToString(_key).TrimEnd('=');

    /// <summary>A copy of the key bytes, for encryption at rest. The caller should clear it after use.</summary>
    public byte[] ToBytes() => (byte[])_key.Clone();

    /// <inheritdoc />
    public override string ToString() => "[redacted]";

    internal byte[] KeyForHmac => _key;

    private static bool IsAcceptableLength(int length) => length >= MinimumLengthBytes && length <= MaximumLengthBytes;
}
