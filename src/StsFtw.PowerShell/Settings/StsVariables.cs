namespace StsFtw.PowerShell.Settings;

/// <summary>
/// The environment variables that supply a parameter when it is not given. An explicit parameter always wins.
/// Codes have no variable on purpose: a code in the environment outlives its 30 seconds in every child process.
/// </summary>
public static class StsVariables
{
    /// <summary>-Endpoint: the credential endpoint URL.</summary>
    public const string Endpoint = "STS_ENDPOINT";

    /// <summary>-Issuer.</summary>
    public const string Issuer = "STS_ISSUER";

    /// <summary>-AccountName.</summary>
    public const string AccountName = "STS_ACCOUNT_NAME";

    /// <summary>-Role (Get-StsCredential).</summary>
    public const string Role = "STS_ROLE";

    /// <summary>-SecondaryAccountName (Get-StsCredential).</summary>
    public const string SecondaryAccountName = "STS_SECONDARY_ACCOUNT_NAME";

    /// <summary>-DurationSeconds (Get-StsCredential).</summary>
    public const string DurationSeconds = "STS_DURATION_SECONDS";

    /// <summary>-TimeoutSec (Get-StsCredential).</summary>
    public const string TimeoutSeconds = "STS_TIMEOUT_SECONDS";

    /// <summary>-Shell (Get-StsCredential -AsExport): bash, zsh, sh, fish, powershell, pwsh or cmd.</summary>
    public const string Shell = "STS_SHELL";

    /// <summary>-TotpCodeCommand (Get-StsCredential): a command line that prints your code (a command, never a code).</summary>
    public const string TotpCodeCommand = "STS_TOTP_CODE_COMMAND";

    /// <summary>-SecondaryTotpCodeCommand (Get-StsCredential): a command line that prints the co-signer's code.</summary>
    public const string SecondaryTotpCodeCommand = "STS_SECONDARY_TOTP_CODE_COMMAND";

    /// <summary>The credential cache: <c>off</c> (also <c>0</c>, <c>false</c>, <c>no</c>) turns it off as -NoCache does; <c>on</c> or unset keeps it.</summary>
    public const string Cache = "STS_CACHE";

    /// <summary>The credential cache's folder (an absolute path); see docs/CACHE.md.</summary>
    public const string CacheDirectory = "STS_CACHE_DIR";

    /// <summary>-RefreshWindowMinutes (Get-StsCredential): 5–15.</summary>
    public const string RefreshMinutes = "STS_REFRESH_MINUTES";

    /// <summary>
    /// -Region of Get-StsCredential and Set-StsEnvironment: the region written as AWS_REGION / AWS_DEFAULT_REGION or a
    /// profile's region. Not <see cref="Region"/>, which is the auth table's region for the admin cmdlets.
    /// </summary>
    public const string CredentialRegion = "STS_CREDENTIAL_REGION";

    /// <summary>-Roles (New-StsEnrollment): comma-separated.</summary>
    public const string Roles = "STS_ROLES";

    /// <summary>-SecondaryAuthorizers (New-StsEnrollment): comma-separated.</summary>
    public const string SecondaryAuthorizers = "STS_SECONDARY_AUTHORIZERS";

    /// <summary>-TableName (admin cmdlets).</summary>
    public const string TableName = "STS_TABLE_NAME";

    /// <summary>-Region (admin cmdlets); when neither is set the AWS SDK's own AWS_REGION / profile resolution applies.</summary>
    public const string Region = "STS_REGION";

    /// <summary>-KmsKeyId (New-StsEnrollment, Set-StsEnrollment -RotateDevice).</summary>
    public const string KmsKeyId = "STS_KMS_KEY_ID";
}
