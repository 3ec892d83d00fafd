namespace StsFtw.Core.Wire;

/// <summary>
/// Field names of the credential request body, exactly as STSFTW's <c>sts get</c> sends them (Go's default JSON
/// names of its <c>TOTPChallenge</c>). The backend matches names case-insensitively, as Go's decoder did, so
/// camelCase works too.
/// </summary>
public static class CredentialRequestFields
{
    /// <summary>The issuer (the first half of the table key).</summary>
    public const string Issuer = "Issuer";

    /// <summary>The requesting person's account name.</summary>
    public const string AccountName = "AccountName";

    /// <summary>The requesting person's six-digit code.</summary>
    public const string TotpCode = "TOTPCode";

    /// <summary>The co-signer's account name, in the same issuer.</summary>
    public const string SecondaryAccountName = "SecondaryAccountName";

    /// <summary>The co-signer's six-digit code.</summary>
    public const string SecondaryTotpCode = "SecondaryTOTPCode";

    /// <summary>An IAM role name, or a full role ARN where the deployment allows one.</summary>
    public const string Role = "Role";

    /// <summary>Optional session length in seconds (a JSON number). An StsFtw addition.</summary>
    public const string DurationSeconds = "DurationSeconds";
}
