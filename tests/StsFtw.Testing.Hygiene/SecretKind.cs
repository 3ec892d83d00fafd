namespace StsFtw.Testing.Hygiene;

/// <summary>The kinds of secret that must never appear in a log line or an error message.</summary>
public enum SecretKind
{
    /// <summary>A TOTP shared secret (its base32 text).</summary>
    TotpSecret,

    /// <summary>An otpauth:// URI, which carries the secret.</summary>
    OtpAuthUri,

    /// <summary>A six-digit code computed for a secret, or typed by a test.</summary>
    Code,

    /// <summary>An AWS secret access key.</summary>
    SecretAccessKey,

    /// <summary>An AWS session token.</summary>
    SessionToken,

    /// <summary>An AWS console sign-in token, or a sign-in URL carrying one.</summary>
    SigninToken,

    /// <summary>An invitation code (docs/INVITATIONS.md): whoever holds it can enroll a device.</summary>
    InvitationCode,
}
