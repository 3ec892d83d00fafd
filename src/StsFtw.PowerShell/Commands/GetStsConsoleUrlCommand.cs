using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.InteropServices;
using StsFtw.Client;
using StsFtw.Client.ConsoleSignIn;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Output;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets a sign-in URL for the AWS console from temporary credentials, or opens it in your browser.</para>
/// </summary>
/// <remarks>
/// The URL signs whoever opens it in to the console as the role, for 15 minutes: it is never written to a log, a
/// verbose line or an error. Without -Open the output is an object whose default view and ToString hide it.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "StsConsoleUrl")]
[OutputType(typeof(StsConsoleSignIn))]
public sealed class GetStsConsoleUrlCommand : StsCmdlet
{
    /// <summary>The federation endpoint for every partition instead of AWS's own (the sandbox's stand-in).</summary>
    public const string FederationEndpointVariable = "STS_FEDERATION_ENDPOINT";

    /// <summary>A program -Open runs with the URL as its one argument instead of the platform's browser opener.</summary>
    public const string BrowserVariable = "STS_BROWSER";

    private static readonly string[] DefaultDisplay = [nameof(StsConsoleSignIn.Destination), nameof(StsConsoleSignIn.Partition), nameof(StsConsoleSignIn.Expiration)];

    /// <summary>The credentials: an StsCredential from Get-StsCredential, or any object with AccessKeyId, SecretAccessKey and SessionToken.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? Credential { get; set; }

    /// <summary>The console page to open (https://). Default: the console home of the region.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>The region the console opens in; it also tells the partition. Default: the credentials' Region, else $env:AWS_REGION, else $env:AWS_DEFAULT_REGION.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>Where AWS sends you when the console session ends (your sign-in page's URL). Default: StsFtw.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Issuer { get; set; }

    /// <summary>Opens the URL in the default browser (xdg-open, open, or the shell on Windows; $env:STS_BROWSER instead when set) and outputs nothing.</summary>
    [Parameter]
    public SwitchParameter Open { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        ConsoleSignInRequest request;
        Uri? federationEndpoint;
        try
        {
            (request, federationEndpoint) = BindInput();
        }
        catch (StsFtwErrorRecordException e)
        {
            WriteError(e.ErrorRecord);
            return;
        }

        WriteVerbose($"Requesting a console sign-in token for access key {request.Credentials.AccessKeyId} ({request.EffectivePartition}).");
        ConsoleSignInUrl signIn;
        using (var client = new ConsoleSignInClient(federationEndpoint: federationEndpoint))
        {
            try
            {
                signIn = Wait(token => client.CreateSignInUrlAsync(request, token));
            }
            catch (ConsoleSignInException e)
            {
                WriteError(ErrorRecords.Create(IdOf(e.Failure), CategoryOf(e.Failure), e.Message, null));
                return;
            }
        }

        if (Open)
        {
            OpenInBrowser(signIn);
            return;
        }
        var output = PSObject.AsPSObject(new StsConsoleSignIn
        {
            Url = signIn.Url.AbsoluteUri,
            Destination = signIn.Destination.AbsoluteUri,
            Partition = signIn.Partition.Name,
            Expiration = signIn.SessionExpiration?.UtcDateTime,
        });
        output.Members.Add(new PSMemberSet("PSStandardMembers", [new PSPropertySet("DefaultDisplayPropertySet", DefaultDisplay)]));
        WriteObject(output);
    }

    private (ConsoleSignInRequest Request, Uri? FederationEndpoint) BindInput()
    {
        var credential = Credential!;
        var accessKeyId = Text(credential, "AccessKeyId");
        var secretAccessKey = Text(credential, "SecretAccessKey");
        var sessionToken = Text(credential, "SessionToken");
        if (accessKeyId is null || secretAccessKey is null)
        {
            throw Invalid("-Credential needs AccessKeyId and SecretAccessKey (pipe the output of Get-StsCredential).");
        }
        if (sessionToken is null)
        {
            throw Invalid("-Credential has no SessionToken: only temporary credentials (from Get-StsCredential) can sign in to the console.");
        }

        var credentials = new BrokeredCredentials(accessKeyId, secretAccessKey, sessionToken)
        {
            Expiration = ExpirationOf(credential),
            RoleArn = Text(credential, "RoleArn"),
            AssumedRoleArn = Text(credential, "AssumedRoleArn"),
        };
        var region = Region ?? Text(credential, "Region") ?? Variable("AWS_REGION") ?? Variable("AWS_DEFAULT_REGION");
        if (region is not null && !IsRegionName(region))
        {
            throw Invalid("-Region must be an AWS region name such as us-east-1.");
        }
        Uri? destination = null;
        if (Destination is not null && !Uri.TryCreate(Destination, UriKind.Absolute, out destination))
        {
            throw Invalid("-Destination must be an absolute https:// URL of the AWS console.");
        }

        Uri? federationEndpoint = null;
        if (Variable(FederationEndpointVariable) is { } endpointText)
        {
            if (!Uri.TryCreate(endpointText, UriKind.Absolute, out federationEndpoint) || ConsoleSignInClient.CheckFederationEndpoint(federationEndpoint) is not null)
            {
                throw Invalid($"$env:{FederationEndpointVariable}: {(federationEndpoint is null ? "not an absolute URL." : ConsoleSignInClient.CheckFederationEndpoint(federationEndpoint))}");
            }
        }
        return (new ConsoleSignInRequest(credentials) { Region = region, Destination = destination, Issuer = Issuer }, federationEndpoint);
    }

    private void OpenInBrowser(ConsoleSignInUrl signIn)
    {
        var url = signIn.Url.AbsoluteUri;
        ProcessStartInfo start;
        if (Variable(BrowserVariable) is { } browser) start = new ProcessStartInfo(browser, Quote(url)) { UseShellExecute = false };
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) start = new ProcessStartInfo(url) { UseShellExecute = true };
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) start = new ProcessStartInfo("open", Quote(url)) { UseShellExecute = false };
        else start = new ProcessStartInfo("xdg-open", Quote(url)) { UseShellExecute = false };
        try
        {
            using var process = Process.Start(start);
            WriteVerbose($"Opened the sign-in URL for {signIn.Destination.AbsoluteUri} with {(start.UseShellExecute ? "the shell" : start.FileName)}.");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            // Only the opener's name and the reason's type: the exception could carry the arguments, which hold the URL.
            WriteError(ErrorRecords.Create(StsConsoleErrors.BrowserFailed, ErrorCategory.ResourceUnavailable, string.Format(CultureInfo.InvariantCulture,
                "Could not start {0} to open the sign-in URL ({1}). Run Get-StsConsoleUrl without -Open and open the Url property yourself, or set $env:{2} to your browser.",
                start.UseShellExecute ? "the default browser" : start.FileName, e.GetType().Name, BrowserVariable), null));
        }
    }

    // The URL is percent-encoded: no quote or space can be inside it.
    private static string Quote(string url) => "\"" + url + "\"";

    private string? Variable(string name)
    {
        var value = Environment.Get(name);
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    private static string? Text(PSObject source, string name)
    {
        var value = source.Properties[name]?.Value;
        if (value is PSObject wrapped) value = wrapped.BaseObject;
        var text = value?.ToString();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static DateTimeOffset? ExpirationOf(PSObject source)
    {
        var value = source.Properties["Expiration"]?.Value;
        if (value is PSObject wrapped) value = wrapped.BaseObject;
        return value switch
        {
            DateTimeOffset moment => moment,
            DateTime time => new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime()),
            string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
            _ => null,
        };
    }

    private static bool IsRegionName(string region) =>
        region.Length <= 32 && region.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') && region.IndexOf('-') > 0;

    private static string IdOf(ConsoleSignInFailure failure) => failure switch
    {
        ConsoleSignInFailure.InvalidRequest => StsConsoleErrors.InvalidInput,
        ConsoleSignInFailure.SessionNotSignInable => StsConsoleErrors.SessionNotSignInable,
        ConsoleSignInFailure.Refused => StsConsoleErrors.Refused,
        ConsoleSignInFailure.TimedOut or ConsoleSignInFailure.Unreachable => StsConsoleErrors.Unavailable,
        _ => StsConsoleErrors.UnexpectedResponse,
    };

    private static ErrorCategory CategoryOf(ConsoleSignInFailure failure) => failure switch
    {
        ConsoleSignInFailure.InvalidRequest => ErrorCategory.InvalidArgument,
        ConsoleSignInFailure.SessionNotSignInable => ErrorCategory.InvalidArgument,
        ConsoleSignInFailure.Refused => ErrorCategory.PermissionDenied,
        ConsoleSignInFailure.TimedOut => ErrorCategory.OperationTimeout,
        ConsoleSignInFailure.Unreachable => ErrorCategory.ConnectionError,
        _ => ErrorCategory.InvalidResult,
    };

    private static StsFtwErrorRecordException Invalid(string message) =>
        new(ErrorRecords.Create(StsConsoleErrors.InvalidInput, ErrorCategory.InvalidArgument, message, null));
}
