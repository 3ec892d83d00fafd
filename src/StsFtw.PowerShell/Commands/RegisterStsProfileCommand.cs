using System.Management.Automation;
using StsFtw.Client.Files;
using StsFtw.Client.Profiles;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes an AWS profile whose credential_process gets credentials with Get-StsCredential, so the AWS CLI and SDKs ask StsFtw themselves.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "StsProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RegisterStsProfileCommand : StsCmdlet
{
    /// <summary>The AWS profile name: <c>default</c> writes [default], any other name [profile name].</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>The IAM role name (or ARN) the profile gets credentials for. Default: $env:STS_ROLE.</summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Role { get; set; }

    /// <summary>The credential endpoint URL. Default: $env:STS_ENDPOINT.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Endpoint { get; set; }

    /// <summary>The issuer. Default: $env:STS_ISSUER.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Issuer { get; set; }

    /// <summary>Your account name. Default: $env:STS_ACCOUNT_NAME.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? AccountName { get; set; }

    /// <summary>The co-signer's account name. Default: $env:STS_SECONDARY_ACCOUNT_NAME.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? SecondaryAccountName { get; set; }

    /// <summary>Session length in seconds (900–3600: AWS limits role chaining to one hour). Default: $env:STS_DURATION_SECONDS, else the backend's.</summary>
    [Parameter]
    [ValidateRange(900, 3600)]
    public int? DurationSeconds { get; set; }

    /// <summary>Writes region = … into the profile and passes -Region to Get-StsCredential.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    /// <summary>A command that prints your current code, passed to Get-StsCredential -TotpCodeCommand.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TotpCodeCommand { get; set; }

    /// <summary>The AWS config file. Default: $env:AWS_CONFIG_FILE, else ~/.aws/config.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigFilePath { get; set; }

    /// <summary>Replaces a profile of the same name.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (SharedCredentialsFile.CheckProfileName(Name) is { } nameProblem)
        {
            WriteError(ErrorRecords.Create(StsProfileErrors.InvalidProfileName, ErrorCategory.InvalidArgument, nameProblem, Name));
            return;
        }
        IReadOnlyList<KeyValuePair<string, string>> settings;
        try
        {
            settings = Settings(BindRequest());
        }
        catch (StsFtwErrorRecordException e)
        {
            WriteError(e.ErrorRecord);
            return;
        }

        var path = ProfileFiles.ConfigFile(this, ConfigFilePath, Environment);
        try
        {
            var file = ProfileFiles.Read(path);
            if (AwsConfigFile.HasProfile(file.Text, Name) && !Force)
            {
                WriteError(ErrorRecords.Create(StsProfileErrors.ProfileExists, ErrorCategory.ResourceExists,
                    $"The config file {path} already has the profile {Name}.", Name, "Pass -Force to replace it (every key it has now is dropped)."));
                return;
            }
            var lines = string.Join("\n", AwsConfigFile.SectionLines(Name, settings));
            if (!ShouldProcess($"Write to {path}:\n{lines}", $"Write to {path}?\n{lines}", "Register-StsProfile")) return;
            ProfileFiles.Write(path, file, AwsConfigFile.SetProfile(file.Text, Name, settings));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            WriteError(ErrorRecords.Create(StsProfileErrors.ConfigFileFailed, ErrorCategory.WriteError, e.Message, path));
        }
    }

    private CredentialProcessRequest BindRequest()
    {
        var reader = new SettingsReader(Environment);
        CredentialProcessRequest request;
        try
        {
            request = new CredentialProcessRequest(
                reader.Required(Endpoint, nameof(Endpoint), StsVariables.Endpoint),
                reader.Required(Issuer, nameof(Issuer), StsVariables.Issuer),
                reader.Required(AccountName, nameof(AccountName), StsVariables.AccountName),
                reader.Required(Role, nameof(Role), StsVariables.Role))
            {
                SecondaryAccountName = reader.Optional(SecondaryAccountName, nameof(SecondaryAccountName), StsVariables.SecondaryAccountName),
                DurationSeconds = reader.Integer(DurationSeconds, nameof(DurationSeconds), StsVariables.DurationSeconds),
                Region = Region,
                TotpCodeCommand = TotpCodeCommand,
            };
            reader.ThrowIfMissing();
        }
        catch (MissingSettingsException e)
        {
            throw new StsFtwErrorRecordException(ErrorRecords.Create(StsProfileErrors.MissingSetting, ErrorCategory.InvalidArgument, e, null));
        }
        catch (InvalidSettingException e)
        {
            throw new StsFtwErrorRecordException(ErrorRecords.Create(StsProfileErrors.InvalidInput, ErrorCategory.InvalidArgument, e, null));
        }
        return request;
    }

    private IReadOnlyList<KeyValuePair<string, string>> Settings(CredentialProcessRequest request)
    {
        string commandLine;
        try
        {
            commandLine = CredentialProcessCommand.Format(CredentialProcessClient.PowerShell(), request);
        }
        catch (ArgumentException e)
        {
            throw new StsFtwErrorRecordException(ErrorRecords.Create(StsProfileErrors.InvalidInput, ErrorCategory.InvalidArgument,
                StripParameterName(e.Message), Name));
        }
        var settings = new List<KeyValuePair<string, string>> { new("credential_process", commandLine) };
        if (request.Region is not null) settings.Add(new("region", request.Region));
        return settings;
    }

    // ArgumentException appends " (Parameter 'request')" on .NET Core: not for a person.
    private static string StripParameterName(string message)
    {
        var at = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return at > 0 ? message.Substring(0, at) : message;
    }
}
