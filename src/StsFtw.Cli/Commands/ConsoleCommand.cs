using System.ComponentModel;
using System.Diagnostics;
using StsFtw.Cli.Arguments;
using StsFtw.Client.ConsoleSignIn;
using StsFtw.Client.Output;
using StsFtw.Core.Hosting;

namespace StsFtw.Cli.Commands;

/// <summary>
/// <c>stsftw console [flags] [--destination URL] [--console-issuer TEXT] [--open]</c>: the credentials (cache first, as
/// <c>get</c>), turned into an AWS console sign-in URL by the library Get-StsConsoleUrl uses
/// (<see cref="ConsoleSignInClient"/>). The URL goes to standard output, or with <c>--open</c> to the browser and
/// nowhere else: it signs whoever holds it in for 15 minutes, so it is never part of a message.
/// </summary>
internal static class ConsoleCommand
{
    /// <summary>The federation endpoint for every partition instead of AWS's own (the sandbox's stand-in); Get-StsConsoleUrl reads it too.</summary>
    public const string FederationEndpointVariable = "STS_FEDERATION_ENDPOINT";

    /// <summary>A program <c>--open</c> runs with the URL as its one argument instead of the platform's opener; Get-StsConsoleUrl reads it too.</summary>
    public const string BrowserVariable = "STS_BROWSER";

    /// <summary>The flags only <c>console</c> has that take a value.</summary>
    public static readonly string[] ValueFlags = ["--destination", "--console-issuer"];

    /// <summary>The flags only <c>console</c> has that take none.</summary>
    public static readonly string[] SwitchFlags = ["--open"];

    public static async Task<int> RunAsync(string[] args, IEnvironmentVariables environment, TextWriter output, CancellationToken cancellationToken)
    {
        var own = CommandFlags.Take(args, ValueFlags, SwitchFlags);
        var arguments = CredentialArguments.Parse(own.Rest, environment, allowOutputFlags: false);
        if (arguments.DurationSeconds is { } duration && duration != ConsoleSignInClient.SignInableDurationSeconds)
        {
            // Checked before a code is asked for: AWS gives no sign-in token to a session a role minted with DurationSeconds.
            throw new UsageException($"The console needs credentials of the default length: AWS gives no sign-in to a session requested for {duration} seconds. " +
                "Leave --duration-seconds and STS_DURATION_SECONDS unset.");
        }
        var federationEndpoint = FederationEndpoint(environment);
        var region = arguments.Region ?? NonEmpty(environment.Get("AWS_REGION")) ?? NonEmpty(environment.Get("AWS_DEFAULT_REGION"));
        if (region is not null && AwsRegionName.Check(region) is { } regionProblem) throw new UsageException("The console's region: " + regionProblem);
        Uri? destination = null;
        if (own.Value("--destination") is { } text && !Uri.TryCreate(text, UriKind.Absolute, out destination))
        {
            throw new UsageException("--destination must be an absolute https:// URL of the AWS console.");
        }

        var credentials = await CliApp.GetCredentialsAsync(arguments, environment, cancellationToken).ConfigureAwait(false);
        var request = new ConsoleSignInRequest(credentials)
        {
            Region = region,
            Destination = destination,
            Issuer = own.Value("--console-issuer"),
            RequestedDurationSeconds = arguments.DurationSeconds,
        };
        ConsoleSignInUrl signIn;
        using (var client = new ConsoleSignInClient(arguments.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, federationEndpoint))
        {
            try
            {
                signIn = await client.CreateSignInUrlAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ConsoleSignInException e) when (e.Failure == ConsoleSignInFailure.InvalidRequest)
            {
                throw new UsageException(CliApp.OneLine(e.Message));
            }
            catch (ConsoleSignInException e)
            {
                throw new CommandFailedException(CliApp.OneLine(e.Message));
            }
        }

        if (own.Has("--open"))
        {
            Open(signIn, environment);
            return CliApp.Success;
        }
        await output.WriteLineAsync(signIn.Url.AbsoluteUri).ConfigureAwait(false);
        return CliApp.Success;
    }

    private static Uri? FederationEndpoint(IEnvironmentVariables environment)
    {
        if (NonEmpty(environment.Get(FederationEndpointVariable)) is not { } text) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var endpoint)) throw new UsageException($"{FederationEndpointVariable}: not an absolute URL.");
        return ConsoleSignInClient.CheckFederationEndpoint(endpoint) is { } problem ? throw new UsageException($"{FederationEndpointVariable}: {problem}") : endpoint;
    }

    private static void Open(ConsoleSignInUrl signIn, IEnvironmentVariables environment)
    {
        var url = signIn.Url.AbsoluteUri;
        ProcessStartInfo start;
        if (NonEmpty(environment.Get(BrowserVariable)) is { } browser) start = new ProcessStartInfo(browser) { ArgumentList = { url } };
        else if (OperatingSystem.IsWindows()) start = new ProcessStartInfo(url) { UseShellExecute = true };
        else if (OperatingSystem.IsMacOS()) start = new ProcessStartInfo("open") { ArgumentList = { url } };
        else start = new ProcessStartInfo("xdg-open") { ArgumentList = { url } };
        try
        {
            using var process = Process.Start(start);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            // Only the opener's name and the reason's type: the exception could carry the arguments, which hold the URL.
            throw new CommandFailedException(
                $"Could not start {(start.UseShellExecute ? "the default browser" : start.FileName)} to open the sign-in URL ({e.GetType().Name}). " +
                $"Run stsftw console without --open and open the URL yourself, or set {BrowserVariable} to your browser.");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
