using StsFtw.Client.Settings;

namespace StsFtw.PowerShell.Settings;

/// <summary>
/// The environment variables that supply a parameter when it is not given. An explicit parameter always wins. The
/// person's-side names are the client library's (<see cref="ClientVariables"/>), shared with the native client.
/// Codes have no variable on purpose: a code in the environment outlives its 30 seconds in every child process.
/// </summary>
public static class StsVariables
{
    /// <summary>-Endpoint: the credential endpoint URL.</summary>
    public const string Endpoint = ClientVariables.Endpoint;

    /// <summary>-Issuer.</summary>
    public const string Issuer = ClientVariables.Issuer;

    /// <summary>-AccountName.</summary>
    public const string AccountName = ClientVariables.AccountName;

    /// <summary>-Role (Get-StsCredential).</summary>
    public const string Role = ClientVariables.Role;

    /// <summary>-SecondaryAccountName (Get-StsCredential).</summary>
    public const string SecondaryAccountName = ClientVariables.SecondaryAccountName;

    /// <summary>-DurationSeconds (Get-StsCredential).</summary>
    public const string DurationSeconds = ClientVariables.DurationSeconds;

    /// <summary>-TimeoutSec (Get-StsCredential).</summary>
    public const string TimeoutSeconds = ClientVariables.TimeoutSeconds;

    /// <summary>-Shell (Get-StsCredential -AsExport): bash, zsh, sh, fish, powershell, pwsh or cmd.</summary>
    public const string Shell = ClientVariables.Shell;

    /// <summary>-TotpCodeCommand (Get-StsCredential): a command line that prints your code (a command, never a code).</summary>
    public const string TotpCodeCommand = ClientVariables.TotpCodeCommand;

    /// <summary>-SecondaryTotpCodeCommand (Get-StsCredential): a command line that prints the co-signer's code.</summary>
    public const string SecondaryTotpCodeCommand = ClientVariables.SecondaryTotpCodeCommand;

    /// <summary>The credential cache: <c>off</c> (also <c>0</c>, <c>false</c>, <c>no</c>) turns it off as -NoCache does; <c>on</c> or unset keeps it.</summary>
    public const string Cache = ClientVariables.Cache;

    /// <summary>The credential cache's folder (an absolute path); see docs/CACHE.md.</summary>
    public const string CacheDirectory = ClientVariables.CacheDirectory;

    /// <summary>-RefreshWindowMinutes (Get-StsCredential): 5–15.</summary>
    public const string RefreshMinutes = ClientVariables.RefreshMinutes;

    /// <summary>
    /// -Region of Get-StsCredential and Set-StsEnvironment: the region written as AWS_REGION / AWS_DEFAULT_REGION or a
    /// profile's region. Not <see cref="Region"/>, which is the auth table's region for the admin cmdlets.
    /// </summary>
    public const string CredentialRegion = ClientVariables.CredentialRegion;

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
