namespace StsFtw.Client.Settings;

/// <summary>
/// The environment variables that supply a setting of the person's side when it is not given on the command line:
/// one set of names for both front doors, the PowerShell module and the native client. An explicit parameter or flag
/// always wins. Codes have no variable on purpose: a code in the environment outlives its 30 seconds in every child
/// process.
/// </summary>
public static class ClientVariables
{
    /// <summary>The credential endpoint URL.</summary>
    public const string Endpoint = "STS_ENDPOINT";

    /// <summary>The issuer.</summary>
    public const string Issuer = "STS_ISSUER";

    /// <summary>The person's account name.</summary>
    public const string AccountName = "STS_ACCOUNT_NAME";

    /// <summary>The role to assume.</summary>
    public const string Role = "STS_ROLE";

    /// <summary>The co-signer's account name (STSFTW's <c>--secondary-authorizer</c>).</summary>
    public const string SecondaryAccountName = "STS_SECONDARY_ACCOUNT_NAME";

    /// <summary>The session length in seconds (900–3600).</summary>
    public const string DurationSeconds = "STS_DURATION_SECONDS";

    /// <summary>How long to wait for the endpoint, in seconds.</summary>
    public const string TimeoutSeconds = "STS_TIMEOUT_SECONDS";

    /// <summary>The shell export lines are written for: bash, zsh, sh, fish, powershell, pwsh or cmd.</summary>
    public const string Shell = "STS_SHELL";

    /// <summary>A command line that prints the person's code (a command, never a code).</summary>
    public const string TotpCodeCommand = "STS_TOTP_CODE_COMMAND";

    /// <summary>A command line that prints the co-signer's code.</summary>
    public const string SecondaryTotpCodeCommand = "STS_SECONDARY_TOTP_CODE_COMMAND";

    /// <summary>The credential cache: <c>off</c> (also <c>0</c>, <c>false</c>, <c>no</c>) turns it off; <c>on</c> or unset keeps it.</summary>
    public const string Cache = "STS_CACHE";

    /// <summary>The credential cache's folder (an absolute path); see docs/CACHE.md.</summary>
    public const string CacheDirectory = "STS_CACHE_DIR";

    /// <summary>The refresh window before a cached credential expires, in minutes (5–15).</summary>
    public const string RefreshMinutes = "STS_REFRESH_MINUTES";

    /// <summary>
    /// The region that goes with the credentials (AWS_REGION / AWS_DEFAULT_REGION, a profile's region). Not
    /// <c>STS_REGION</c>, which the admin cmdlets use for the auth table's region.
    /// </summary>
    public const string CredentialRegion = "STS_CREDENTIAL_REGION";
}
