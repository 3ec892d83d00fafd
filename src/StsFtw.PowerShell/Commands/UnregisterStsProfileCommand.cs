using System.Management.Automation;
using StsFtw.Client.Files;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes an AWS profile from the AWS config file, and nothing else.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "StsProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class UnregisterStsProfileCommand : StsCmdlet
{
    /// <summary>The AWS profile name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>The AWS config file. Default: $env:AWS_CONFIG_FILE, else ~/.aws/config.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigFilePath { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (SharedCredentialsFile.CheckProfileName(Name) is { } nameProblem)
        {
            WriteError(ErrorRecords.Create(StsProfileErrors.InvalidProfileName, ErrorCategory.InvalidArgument, nameProblem, Name));
            return;
        }
        var path = ProfileFiles.ConfigFile(this, ConfigFilePath, Environment);
        try
        {
            var file = ProfileFiles.Read(path);
            var text = AwsConfigFile.RemoveProfile(file.Text, Name, out var removed);
            if (!removed)
            {
                WriteError(ErrorRecords.Create(StsProfileErrors.ProfileNotFound, ErrorCategory.ObjectNotFound,
                    $"The config file {path} has no profile {Name}.", Name));
                return;
            }
            var header = AwsConfigFile.SectionHeader(Name);
            if (!ShouldProcess($"Remove {header} from {path}", $"Remove {header} from {path}?", "Unregister-StsProfile")) return;
            ProfileFiles.Write(path, file, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            WriteError(ErrorRecords.Create(StsProfileErrors.ConfigFileFailed, ErrorCategory.WriteError, e.Message, path));
        }
    }
}
