using System.Management.Automation;
using StsFtw.Client;
using StsFtw.Client.Endpoint;
using StsFtw.Client.Output;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Output;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets temporary AWS credentials from an StsFtw endpoint for a code from your authenticator app.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsCredential", DefaultParameterSetName = ObjectSet)]
[OutputType(typeof(StsCredential), ParameterSetName = new[] { ObjectSet })]
[OutputType(typeof(string), ParameterSetName = new[] { ExportSet, CredentialProcessSet })]
public sealed class GetStsCredentialCommand : StsCmdlet
{
    private const string ObjectSet = "Object";
    private const string EnvironmentSet = "Environment";
    private const string ExportSet = "Export";
    private const string CredentialProcessSet = "CredentialProcess";

    /// <summary>The credential endpoint URL (https://, or http:// to loopback). Default: $env:STS_ENDPOINT.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Endpoint { get; set; }

    /// <summary>The issuer. Default: $env:STS_ISSUER.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Issuer { get; set; }

    /// <summary>Your account name. Default: $env:STS_ACCOUNT_NAME.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? AccountName { get; set; }

    /// <summary>The IAM role name (or ARN) to assume. Default: $env:STS_ROLE.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Role { get; set; }

    /// <summary>The six-digit code your authenticator shows; prompted for (masked) when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TotpCode { get; set; }

    /// <summary>The co-signer's account name. Default: $env:STS_SECONDARY_ACCOUNT_NAME.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? SecondaryAccountName { get; set; }

    /// <summary>The co-signer's current code; prompted for (masked) when a co-signer is named and this is omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecondaryTotpCode { get; set; }

    /// <summary>Session length in seconds (900–3600: AWS limits role chaining, which the broker does, to one hour). Default: $env:STS_DURATION_SECONDS, else the backend's.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(900, 3600)]
    public int? DurationSeconds { get; set; }

    /// <summary>Seconds to wait for the endpoint (1–300). Default: $env:STS_TIMEOUT_SECONDS, else 30.</summary>
    [Parameter]
    [ValidateRange(1, 300)]
    public int? TimeoutSec { get; set; }

    /// <summary>Sets $env:AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (and AWS_CREDENTIAL_EXPIRATION) instead of outputting the credentials.</summary>
    [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
    public SwitchParameter SetEnvironment { get; set; }

    /// <summary>Outputs shell lines that set the AWS variables (see -Shell).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ExportSet)]
    public SwitchParameter AsExport { get; set; }

    /// <summary>The shell -AsExport writes for: Bash (default), Zsh, Fish, PowerShell or Cmd. Default: $env:STS_SHELL.</summary>
    [Parameter(ParameterSetName = ExportSet)]
    public ExportShell? Shell { get; set; }

    /// <summary>Outputs the JSON document an AWS CLI credential_process prints.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialProcessSet)]
    public SwitchParameter AsCredentialProcess { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        CredentialRequestInput input;
        CredentialEndpoint endpoint;
        TimeSpan? timeout;
        ShellKind shell;
        try
        {
            (input, endpoint, timeout, shell) = BindInput();
        }
        catch (StsFtwErrorRecordException e)
        {
            WriteError(e.ErrorRecord);
            return;
        }

        WriteVerbose($"Requesting credentials for {input.Issuer}/{input.AccountName}, role {input.Role}, from {endpoint.Uri.GetLeftPart(UriPartial.Authority)}.");
        using var client = new CredentialEndpointClient(endpoint, timeout);
        var result = Wait(token => client.PostCredentialRequestAsync(input, token));
        if (!result.Succeeded)
        {
            WriteError(StsCredentialErrors.For(result.Failure!, $"{input.Issuer}/{input.AccountName}"));
            return;
        }
        WriteResult(result.Credentials!, endpoint, shell);
    }

    private (CredentialRequestInput Input, CredentialEndpoint Endpoint, TimeSpan? Timeout, ShellKind Shell) BindInput()
    {
        var settings = new SettingsReader(Environment);
        string endpointText, issuer, account, role;
        string? secondary;
        int? duration, timeoutSeconds;
        ShellKind shell;
        try
        {
            endpointText = settings.Required(Endpoint, nameof(Endpoint), StsVariables.Endpoint);
            issuer = settings.Required(Issuer, nameof(Issuer), StsVariables.Issuer);
            account = settings.Required(AccountName, nameof(AccountName), StsVariables.AccountName);
            role = settings.Required(Role, nameof(Role), StsVariables.Role);
            secondary = settings.Optional(SecondaryAccountName, StsVariables.SecondaryAccountName);
            duration = settings.Integer(DurationSeconds, nameof(DurationSeconds), StsVariables.DurationSeconds);
            timeoutSeconds = settings.Integer(TimeoutSec, nameof(TimeoutSec), StsVariables.TimeoutSeconds);
            shell = ShellOf(Shell, settings.Optional(null, StsVariables.Shell));
            settings.ThrowIfMissing();
        }
        catch (MissingSettingsException e)
        {
            throw Fail(ErrorRecords.Create(StsCredentialErrors.MissingSetting, ErrorCategory.InvalidArgument, e, null));
        }
        catch (InvalidSettingException e)
        {
            throw Fail(ErrorRecords.Create(StsCredentialErrors.InvalidInput, ErrorCategory.InvalidArgument, e, null));
        }

        if (!CredentialEndpoint.TryCreate(endpointText, out var endpoint, out var reason))
        {
            var insecure = Uri.TryCreate(endpointText, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp;
            throw Fail(ErrorRecords.Create(
                insecure ? StsCredentialErrors.InsecureEndpoint : StsCredentialErrors.InvalidInput,
                insecure ? ErrorCategory.SecurityError : ErrorCategory.InvalidArgument,
                reason, null));
        }
        if (timeoutSeconds is < 1 or > 300)
        {
            throw Fail(ErrorRecords.Create(StsCredentialErrors.InvalidInput, ErrorCategory.InvalidArgument,
                "$env:STS_TIMEOUT_SECONDS (for -TimeoutSec) must be between 1 and 300.", null));
        }

        var code = TotpCode ?? PromptCode($"Code for {account} ({issuer})");
        var secondaryCode = secondary is null ? null : SecondaryTotpCode ?? PromptCode($"Code of co-signer {secondary}");
        var input = new CredentialRequestInput(issuer, account, role, code)
        {
            SecondaryAccountName = secondary,
            SecondaryTotpCode = secondaryCode,
            DurationSeconds = duration,
        };
        var problems = input.Validate();
        if (problems.Count > 0)
        {
            throw Fail(ErrorRecords.Create(StsCredentialErrors.InvalidInput, ErrorCategory.InvalidArgument, string.Join(" ", problems), null));
        }
        return (input, endpoint!, timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, shell);
    }

    private string PromptCode(string prompt) =>
        MaskedPrompt.Read(Host, prompt) ?? throw Fail(ErrorRecords.Create(StsCredentialErrors.CodeRequired, ErrorCategory.InvalidArgument,
            $"{prompt}: no code was given and this session cannot prompt for one. Pass -TotpCode (and -SecondaryTotpCode).", null));

    private void WriteResult(BrokeredCredentials credentials, CredentialEndpoint endpoint, ShellKind shell)
    {
        switch (ParameterSetName)
        {
            case EnvironmentSet:
                CredentialEnvironment.Apply(Environment, credentials);
                WriteVerbose($"Set {string.Join(", ", AwsCredentialVariables.All)} for access key {credentials.AccessKeyId}" +
                    (credentials.Expiration is { } expiration ? $", expiring {IsoTimestamp.Format(expiration)}." : "."));
                break;
            case ExportSet:
                foreach (var line in ExportFormatter.Format(credentials, shell)) WriteObject(line);
                break;
            case CredentialProcessSet:
                WriteObject(CredentialProcessOutput.Format(credentials));
                break;
            default:
                WriteObject(new StsCredential
                {
                    AccessKeyId = credentials.AccessKeyId,
                    SecretAccessKey = credentials.SecretAccessKey,
                    SessionToken = credentials.SessionToken,
                    Expiration = credentials.Expiration?.UtcDateTime,
                    RoleArn = credentials.RoleArn,
                    AssumedRoleArn = credentials.AssumedRoleArn,
                    Issuer = credentials.Issuer,
                    AccountName = credentials.AccountName,
                    SecondaryAccountName = credentials.SecondaryAccountName,
                    Endpoint = endpoint.Uri.ToString(),
                });
                break;
        }
    }

    private static ShellKind ShellOf(ExportShell? parameter, string? variable)
    {
        if (parameter is null && variable is not null)
        {
            parameter = variable.ToLowerInvariant() switch
            {
                "bash" or "sh" or "ksh" => ExportShell.Bash,
                "zsh" => ExportShell.Zsh,
                "fish" => ExportShell.Fish,
                "powershell" or "pwsh" => ExportShell.PowerShell,
                "cmd" => ExportShell.Cmd,
                _ => throw new InvalidSettingException("$env:STS_SHELL (for -Shell) must be bash, zsh, fish, powershell or cmd."),
            };
        }
        return parameter switch
        {
            ExportShell.Fish => ShellKind.Fish,
            ExportShell.PowerShell => ShellKind.PowerShell,
            ExportShell.Cmd => ShellKind.Cmd,
            _ => ShellKind.Bash,
        };
    }

    private static StsFtwErrorRecordException Fail(ErrorRecord record) => new(record);
}
