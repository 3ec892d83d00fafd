namespace StsFtw.Core.Totp;

/// <summary>
/// What an authenticator app is given at enrollment: who the key is for and the secret.
/// The parameters are fixed by SECURITY.md rule 1: SHA-1, 6 digits, 30-second steps.
/// </summary>
public sealed record TotpKey(string Issuer, string AccountName, TotpSecret Secret)
{
    /// <summary>Digits in a code.</summary>
    public const int Digits = 6;

    /// <summary>Seconds in one time step (RFC 6238 X).</summary>
    public const int PeriodSeconds = 30;

    /// <summary>The only HMAC algorithm accepted.</summary>
    public const string Algorithm = "SHA1";

    /// <summary>Creates a key with a fresh random secret.</summary>
    public static TotpKey Generate(string issuer, string accountName) => new(issuer, accountName, TotpSecret.Generate());

    /// <summary>The <c>otpauth://</c> URI an authenticator app scans. It contains the secret: never log it.</summary>
    public string ToUri() => OtpAuthUri.Format(this);

    /// <inheritdoc />
    public override string ToString() => $"TotpKey {{ Issuer = {Issuer}, AccountName = {AccountName}, Secret = [redacted] }}";
}
