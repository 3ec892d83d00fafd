using System.Management.Automation;
using System.Text;
using StsFtw.Client;
using StsFtw.Client.Files;
using StsFtw.Client.Output;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Puts AWS credentials into the session's environment variables or an AWS shared-credentials profile, or clears them.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "StsEnvironment", DefaultParameterSetName = EnvironmentSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class SetStsEnvironmentCommand : StsCmdlet
{
    private const string EnvironmentSet = "Environment";
    private const string ProfileSet = "Profile";
    private const string ClearSet = "Clear";

    /// <summary>The access key id (bound by property name from Get-StsCredential).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EnvironmentSet)]
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ProfileSet)]
    [ValidateNotNullOrEmpty]
    public string AccessKeyId { get; set; } = string.Empty;

    /// <summary>The secret access key (bound by property name).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EnvironmentSet)]
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ProfileSet)]
    [ValidateNotNullOrEmpty]
    public string SecretAccessKey { get; set; } = string.Empty;

    /// <summary>The session token (bound by property name).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EnvironmentSet)]
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ProfileSet)]
    [ValidateNotNullOrEmpty]
    public string SessionToken { get; set; } = string.Empty;

    /// <summary>When the credentials expire (bound by property name); sets AWS_CREDENTIAL_EXPIRATION.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = EnvironmentSet)]
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ProfileSet)]
    public DateTime? Expiration { get; set; }

    /// <summary>
    /// The AWS region: sets AWS_REGION and AWS_DEFAULT_REGION, or the profile's region (bound by property name from
    /// Get-StsCredential's Region). Default: $env:STS_CREDENTIAL_REGION; without either the region is left as it is.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = EnvironmentSet)]
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ProfileSet)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>Writes this profile of the AWS shared credentials file instead of the environment (with -Clear: removes it).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
    [Parameter(ParameterSetName = ClearSet)]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    /// <summary>The shared credentials file. Default: $env:AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials.</summary>
    [Parameter(ParameterSetName = ProfileSet)]
    [Parameter(ParameterSetName = ClearSet)]
    [ValidateNotNullOrEmpty]
    public string? CredentialsFilePath { get; set; }

    /// <summary>Removes the AWS credential variables (or, with -ProfileName, that profile).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ClearSet)]
    public SwitchParameter Clear { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case ProfileSet:
                WriteProfile();
                break;
            case ClearSet:
                if (ProfileName is null) ClearVariables();
                else RemoveProfile(ProfileName);
                break;
            default:
                SetVariables();
                break;
        }
    }

    private BrokeredCredentials Credentials() => new(AccessKeyId, SecretAccessKey, SessionToken)
    {
        Expiration = Expiration is { } expiration ? new DateTimeOffset(expiration.ToUniversalTime(), TimeSpan.Zero) : null,
    };

    /// <summary>-Region, else $env:STS_CREDENTIAL_REGION, else null; false (after writing the error) when it is not a region name.</summary>
    private bool TryGetRegion(out string? region)
    {
        region = !string.IsNullOrWhiteSpace(Region) ? Region!.Trim() : Environment.Get(StsVariables.CredentialRegion)?.Trim();
        if (string.IsNullOrEmpty(region))
        {
            region = null;
            return true;
        }
        if (AwsRegionName.Check(region) is not { } problem) return true;
        WriteError(ErrorRecords.Create(StsEnvironmentErrors.InvalidRegion, ErrorCategory.InvalidArgument,
            (string.IsNullOrWhiteSpace(Region) ? "$env:STS_CREDENTIAL_REGION (for -Region): " : "-Region: ") + problem, null));
        return false;
    }

    private void SetVariables()
    {
        if (!TryGetRegion(out var region)) return;
        var names = region is null ? AwsCredentialVariables.All : AwsCredentialVariables.All.Concat(AwsCredentialVariables.RegionVariables);
        if (!ShouldProcess("$env:" + string.Join(", $env:", names), $"Set to access key {AccessKeyId}" + (region is null ? string.Empty : $" in {region}"))) return;
        CredentialEnvironment.Apply(Environment, Credentials(), region);
    }

    private void ClearVariables()
    {
        if (!ShouldProcess("$env:" + string.Join(", $env:", AwsCredentialVariables.All), "Remove")) return;
        CredentialEnvironment.Clear(Environment);
    }

    private void WriteProfile()
    {
        if (!CheckProfileName(ProfileName!) || !TryGetRegion(out var region)) return;
        var path = CredentialsFile();
        if (!ShouldProcess($"profile [{ProfileName}] in {path}", $"Write access key {AccessKeyId}" + (region is null ? string.Empty : $" and region {region}"))) return;
        try
        {
            var text = SharedCredentialsFile.SetProfile(ReadIfExists(path), ProfileName!, Credentials(), region);
            OwnerOnlyFile.WriteAtomically(path, new UTF8Encoding(false).GetBytes(text));
        }
        catch (ArgumentException e)
        {
            WriteError(ErrorRecords.Create(StsEnvironmentErrors.InvalidCredential, ErrorCategory.InvalidData, e.Message, ProfileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecords.Create(StsEnvironmentErrors.CredentialsFileFailed, ErrorCategory.WriteError, e.Message, path));
        }
    }

    private void RemoveProfile(string profile)
    {
        if (!CheckProfileName(profile)) return;
        var path = CredentialsFile();
        if (!ShouldProcess($"profile [{profile}] in {path}", "Remove")) return;
        try
        {
            var text = SharedCredentialsFile.RemoveProfile(ReadIfExists(path), profile, out var removed);
            if (!removed)
            {
                WriteError(ErrorRecords.Create(StsEnvironmentErrors.ProfileNotFound, ErrorCategory.ObjectNotFound,
                    $"The credentials file {path} has no profile [{profile}].", profile));
                return;
            }
            OwnerOnlyFile.WriteAtomically(path, new UTF8Encoding(false).GetBytes(text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecords.Create(StsEnvironmentErrors.CredentialsFileFailed, ErrorCategory.WriteError, e.Message, path));
        }
    }

    private bool CheckProfileName(string profile)
    {
        if (SharedCredentialsFile.CheckProfileName(profile) is not { } reason) return true;
        WriteError(ErrorRecords.Create(StsEnvironmentErrors.InvalidProfileName, ErrorCategory.InvalidArgument, reason, profile));
        return false;
    }

    private string CredentialsFile() =>
        CredentialsFilePath is not null
            ? GetUnresolvedProviderPathFromPSPath(CredentialsFilePath)
            : SharedCredentialsLocation.Resolve(Environment);

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
