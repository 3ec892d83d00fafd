using System.Globalization;
using System.Management.Automation;
using StsFtw.Client;
using StsFtw.Client.Cache;
using StsFtw.Client.Codes;
using StsFtw.Client.Endpoint;
using StsFtw.Client.Output;
using StsFtw.Client.Sessions;
using StsFtw.Core.Validation;
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

    /// <summary>The six-digit code your authenticator shows; when omitted (and no code command is named) it is asked for, masked, on the terminal.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TotpCode { get; set; }

    /// <summary>A command line that prints your code (run by /bin/sh or cmd.exe only when a request is posted). Default: $env:STS_TOTP_CODE_COMMAND.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TotpCodeCommand { get; set; }

    /// <summary>The co-signer's account name. Default: $env:STS_SECONDARY_ACCOUNT_NAME.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? SecondaryAccountName { get; set; }

    /// <summary>The co-signer's current code; prompted for (masked) when a co-signer is named and this is omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecondaryTotpCode { get; set; }

    /// <summary>A command line that prints the co-signer's code. Default: $env:STS_SECONDARY_TOTP_CODE_COMMAND.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecondaryTotpCodeCommand { get; set; }

    /// <summary>Session length in seconds (900–3600: AWS limits role chaining, which the broker does, to one hour). Default: $env:STS_DURATION_SECONDS, else the backend's.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(900, 3600)]
    public int? DurationSeconds { get; set; }

    /// <summary>Seconds to wait for the endpoint (1–300). Default: $env:STS_TIMEOUT_SECONDS, else 30.</summary>
    [Parameter]
    [ValidateRange(1, 300)]
    public int? TimeoutSec { get; set; }

    /// <summary>The AWS region to use the credentials in: AWS_REGION and AWS_DEFAULT_REGION in the export lines and with -SetEnvironment, and the Region property. Default: $env:STS_CREDENTIAL_REGION.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    /// <summary>Ignores the cached credentials: asks for a code, gets new ones and stores them.</summary>
    [Parameter]
    public SwitchParameter Refresh { get; set; }

    /// <summary>Neither reads nor writes the credential cache (as $env:STS_CACHE = 'off' does).</summary>
    [Parameter]
    public SwitchParameter NoCache { get; set; }

    /// <summary>Minutes before their expiration that cached credentials stop being used (5–15). Default: $env:STS_REFRESH_MINUTES, else 10.</summary>
    [Parameter]
    [ValidateRange(5, 15)]
    public int? RefreshWindowMinutes { get; set; }

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
        try
        {
            var bound = BindInput();
            using var client = new CredentialEndpointClient(bound.Endpoint, bound.Timeout);
            var session = new CredentialSession(client, bound.Cache);
            var request = bound.Request;
            WriteVerbose($"Credentials for {request.Issuer}/{request.AccountName}, role {request.Role}, from {bound.Endpoint.Uri.GetLeftPart(UriPartial.Authority)}" +
                (bound.Cache.Enabled ? $" (cache {bound.Cache.Cache!.Directory}{(bound.Cache.Bypass ? ", refresh asked for" : string.Empty)})." : " (cache off)."));
            var result = Wait(token => GetCredentialsAsync(session, request, token));
            WriteVerbose(Describe(result, bound.Cache));
            if (!result.Succeeded) throw Fail(StsCredentialErrors.For(result.Failure!, $"{request.Issuer}/{request.AccountName}"));
            WriteResult(result.Credentials!, bound.Endpoint, bound.Shell, bound.Region);
        }
        catch (StsFtwErrorRecordException e)
        {
            // A credential_process has one chance: a terminating error stops pwsh with exit code 1 and one line on stderr.
            if (ParameterSetName == CredentialProcessSet) ThrowTerminatingError(e.ErrorRecord);
            WriteError(e.ErrorRecord);
        }
    }

    private static async Task<CredentialSessionResult> GetCredentialsAsync(CredentialSession session, CredentialSessionRequest request, CancellationToken token)
    {
        try
        {
            return await session.GetCredentialsAsync(request, token).ConfigureAwait(false);
        }
        catch (CodeUnavailableException e)
        {
            var (id, category) = e.Reason switch
            {
                CodeUnavailableReason.NoTerminal => (StsCredentialErrors.CodeRequired, ErrorCategory.InvalidOperation),
                CodeUnavailableReason.NotACode => (StsCredentialErrors.InvalidInput, ErrorCategory.InvalidArgument),
                _ => (StsCredentialErrors.CodeUnavailable, ErrorCategory.InvalidResult),
            };
            throw Fail(ErrorRecords.Create(id, category, e.Message, null));
        }
        catch (ArgumentException e)
        {
            throw Fail(ErrorRecords.Create(StsCredentialErrors.InvalidInput, ErrorCategory.InvalidArgument, FirstSentences(e.Message), null));
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            throw Fail(ErrorRecords.Create(StsCredentialErrors.CodeRequired, ErrorCategory.OperationStopped, "No code was entered: the prompt was cancelled.", null));
        }
    }

    // ArgumentException appends " (Parameter 'request')" on .NET; the person needs only the sentences before it.
    private static string FirstSentences(string message)
    {
        var parameter = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter > 0 ? message.Substring(0, parameter) : message;
    }

    private static string Describe(CredentialSessionResult result, CredentialCacheOptions cache)
    {
        if (result.Origin == CredentialOrigin.Cache && result.Credentials?.Expiration is { } expiration)
        {
            var minutes = Math.Max(0, (int)Math.Floor((expiration - cache.Policy.RefreshWindow - DateTimeOffset.UtcNow).TotalMinutes));
            return string.Format(CultureInfo.InvariantCulture, "Served from the cache, refreshes in {0} min: {1}.", minutes, result.Decision?.Reason);
        }
        return (result.Succeeded ? "From the endpoint. " : "The endpoint refused. ") + result.CacheNote + ".";
    }

    private sealed record BoundInput(CredentialSessionRequest Request, CredentialEndpoint Endpoint, TimeSpan? Timeout, ShellKind Shell, string? Region, CredentialCacheOptions Cache);

    private BoundInput BindInput()
    {
        var settings = new SettingsReader(Environment);
        string endpointText, issuer, account, role;
        string? secondary, region, codeCommand, secondaryCodeCommand, cacheSetting;
        int? duration, timeoutSeconds, refreshMinutes;
        ShellKind shell;
        try
        {
            endpointText = settings.Required(Endpoint, nameof(Endpoint), StsVariables.Endpoint);
            issuer = settings.Required(Issuer, nameof(Issuer), StsVariables.Issuer);
            account = settings.Required(AccountName, nameof(AccountName), StsVariables.AccountName);
            role = settings.Required(Role, nameof(Role), StsVariables.Role);
            secondary = settings.Optional(SecondaryAccountName, nameof(SecondaryAccountName), StsVariables.SecondaryAccountName);
            duration = settings.Integer(DurationSeconds, nameof(DurationSeconds), StsVariables.DurationSeconds);
            timeoutSeconds = settings.Integer(TimeoutSec, nameof(TimeoutSec), StsVariables.TimeoutSeconds);
            refreshMinutes = settings.Integer(RefreshWindowMinutes, nameof(RefreshWindowMinutes), StsVariables.RefreshMinutes);
            region = settings.Optional(Region, nameof(Region), StsVariables.CredentialRegion);
            codeCommand = settings.Optional(TotpCodeCommand, nameof(TotpCodeCommand), StsVariables.TotpCodeCommand);
            secondaryCodeCommand = settings.Optional(SecondaryTotpCodeCommand, nameof(SecondaryTotpCodeCommand), StsVariables.SecondaryTotpCodeCommand);
            cacheSetting = settings.Variable(StsVariables.Cache);
            shell = ShellOf(Shell, settings.Variable(StsVariables.Shell));
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
        if (timeoutSeconds is < 1 or > 300) throw Invalid("$env:STS_TIMEOUT_SECONDS (for -TimeoutSec) must be between 1 and 300.");
        if (refreshMinutes is < 5 or > 15) throw Invalid("$env:STS_REFRESH_MINUTES (for -RefreshWindowMinutes) must be between 5 and 15.");
        if (region is not null && AwsRegionName.Check(region) is { } regionProblem)
        {
            throw Invalid((Region is null ? "$env:STS_CREDENTIAL_REGION (for -Region): " : "-Region: ") + regionProblem);
        }
        // A code given is checked now, so a typo fails before anything else happens; the code itself is never shown.
        if (TotpCode is not null && InputRules.CheckTotpCode(TotpCode) is { } codeProblem) throw Invalid(codeProblem);
        if (SecondaryTotpCode is not null && InputRules.CheckTotpCode(SecondaryTotpCode, "SecondaryTOTPCode") is { } secondaryProblem) throw Invalid(secondaryProblem);

        var prompt = CodePrompt();
        CredentialSessionRequest request;
        try
        {
            request = new CredentialSessionRequest(issuer, account, role,
                CodeSource.Choose(TotpCode, codeCommand, TotpCodeCommand is null ? "$env:" + StsVariables.TotpCodeCommand : "-TotpCodeCommand", prompt))
            {
                SecondaryAccountName = secondary,
                SecondaryCode = secondary is null ? null : CodeSource.Choose(SecondaryTotpCode, secondaryCodeCommand,
                    SecondaryTotpCodeCommand is null ? "$env:" + StsVariables.SecondaryTotpCodeCommand : "-SecondaryTotpCodeCommand", prompt),
                DurationSeconds = duration,
            };
        }
        catch (ArgumentException e)
        {
            // A code command that is too long or holds a NUL; the message names its source, never the command line.
            throw Invalid(FirstSentences(e.Message));
        }
        return new BoundInput(request, endpoint!, timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, shell, region,
            CacheOptions(cacheSetting, refreshMinutes));
    }

    private CredentialCacheOptions CacheOptions(string? setting, int? refreshMinutes)
    {
        var off = setting?.ToLowerInvariant() switch
        {
            null or "" or "on" or "1" or "true" or "yes" => false,
            "off" or "0" or "false" or "no" => true,
            _ => throw Invalid("$env:STS_CACHE must be on or off."),
        };
        if (off || NoCache) return CredentialCacheOptions.Disabled;
        CredentialCache cache;
        try
        {
            cache = CredentialCache.ForCurrentUser(Environment);
        }
        catch (ArgumentException e)
        {
            throw Invalid(FirstSentences(e.Message));
        }
        var policy = refreshMinutes is { } minutes ? new CredentialRefreshPolicy(TimeSpan.FromMinutes(minutes)) : CredentialRefreshPolicy.Default;
        return new CredentialCacheOptions(cache, policy, Refresh);
    }

    /// <summary>
    /// The console host (real pwsh) writes its prompts to standard output, which credential_process and eval "$(…)"
    /// capture: there the prompt talks to the terminal itself. Other hosts (editors, engines hosted in a program) have a
    /// UI of their own that is not standard output: there the host prompts.
    /// </summary>
    private ICodePrompt CodePrompt()
    {
        const string PrimaryHint = "Pass -TotpCode, or name a command that prints the code with -TotpCodeCommand or $env:STS_TOTP_CODE_COMMAND.";
        const string CoSignerHint = "Pass -SecondaryTotpCode, or name a command that prints the co-signer's code with -SecondaryTotpCodeCommand or $env:STS_SECONDARY_TOTP_CODE_COMMAND.";
        return string.Equals(Host?.Name, "ConsoleHost", StringComparison.Ordinal)
            ? new TerminalCodePrompt(PrimaryHint, CoSignerHint)
            : new HostCodePrompt(Host!, PrimaryHint, CoSignerHint);
    }

    private static StsFtwErrorRecordException Invalid(string message) =>
        Fail(ErrorRecords.Create(StsCredentialErrors.InvalidInput, ErrorCategory.InvalidArgument, message, null));

    private void WriteResult(BrokeredCredentials credentials, CredentialEndpoint endpoint, ShellKind shell, string? region)
    {
        switch (ParameterSetName)
        {
            case EnvironmentSet:
                CredentialEnvironment.Apply(Environment, credentials, region);
                WriteVerbose($"Set {string.Join(", ", region is null ? AwsCredentialVariables.All : AwsCredentialVariables.All.Concat(AwsCredentialVariables.RegionVariables))} for access key {credentials.AccessKeyId}" +
                    (credentials.Expiration is { } expiration ? $", expiring {IsoTimestamp.Format(expiration)}." : "."));
                break;
            case ExportSet:
                foreach (var line in ExportFormatter.Format(credentials, shell, region)) WriteObject(line);
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
                    Region = region,
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
