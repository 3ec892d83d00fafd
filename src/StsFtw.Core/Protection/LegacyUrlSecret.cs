using StsFtw.Core.Totp;

namespace StsFtw.Core.Protection;

/// <summary>Reads the secret out of STSFTW's plaintext <c>url</c> attribute.</summary>
public static class LegacyUrlSecret
{
    /// <summary>The secret in the URI, or null when it is missing or not a usable otpauth URI.</summary>
    public static TotpSecret? Read(string? otpAuthUri) =>
        OtpAuthUri.TryParse(otpAuthUri, out var key, out _) ? key!.Secret : null;
}
