namespace StsFtw.Cli.Arguments;

/// <summary>The STS_* variables stsftw reads: the same names the PowerShell module reads.</summary>
internal static class Variables
{
    public const string Endpoint = "STS_ENDPOINT";
    public const string Issuer = "STS_ISSUER";
    public const string AccountName = "STS_ACCOUNT_NAME";
    public const string Role = "STS_ROLE";

    /// <summary>The co-signer (STSFTW's --secondary-authorizer); the module's -SecondaryAccountName reads the same.</summary>
    public const string SecondaryAccountName = "STS_SECONDARY_ACCOUNT_NAME";
    public const string DurationSeconds = "STS_DURATION_SECONDS";
    public const string TimeoutSeconds = "STS_TIMEOUT_SECONDS";
    public const string Shell = "STS_SHELL";
    public const string TotpCodeCommand = "STS_TOTP_CODE_COMMAND";
    public const string SecondaryTotpCodeCommand = "STS_SECONDARY_TOTP_CODE_COMMAND";
    public const string Cache = "STS_CACHE";
    public const string RefreshMinutes = "STS_REFRESH_MINUTES";
    public const string CredentialRegion = "STS_CREDENTIAL_REGION";
}
