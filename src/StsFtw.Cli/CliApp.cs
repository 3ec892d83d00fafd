using System.ComponentModel;
using StsFtw.Cli.Arguments;
using StsFtw.Cli.Commands;
using StsFtw.Client;
using StsFtw.Client.Cache;
using StsFtw.Client.Codes;
using StsFtw.Client.Endpoint;
using StsFtw.Client.Exec;
using StsFtw.Client.Output;
using StsFtw.Client.Sessions;
using StsFtw.Core.Hosting;

namespace StsFtw.Cli;

/// <summary>
/// The commands. Standard output carries only what the command prints (export lines or JSON); every error is one
/// line on standard error: exit code 2 for usage, 1 for a failure.
/// </summary>
internal static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>exec: the command could not be started (not found, not executable), as a shell says.</summary>
    public const int CannotStart = 127;

    /// <summary>exec: stopped by Ctrl+C (128 + SIGINT), as a shell says.</summary>
    public const int Interrupted = 130;

    private const string PrimaryHint = "Pass --totp-code, or name a command that prints the code with --totp-code-command or STS_TOTP_CODE_COMMAND.";
    private const string CoSignerHint = "Pass --secondary-totp-code, or name a command that prints the co-signer's code with --secondary-totp-code-command or STS_SECONDARY_TOTP_CODE_COMMAND.";

    public static async Task<int> RunAsync(string[] args, IEnvironmentVariables environment, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            if (args.Length == 0)
            {
                await error.WriteLineAsync("stsftw: no command; see stsftw --help.").ConfigureAwait(false);
                return Usage;
            }
            var rest = args.Skip(1).ToArray();
            switch (args[0])
            {
                case "--help" or "-h" or "help":
                    await output.WriteAsync(HelpText.Main).ConfigureAwait(false);
                    return Success;
                case "get":
                    if (CredentialArguments.WantsHelp(rest)) return await Help(output, HelpText.Get).ConfigureAwait(false);
                    return await GetAsync(CredentialArguments.Parse(rest, environment), environment, output, error, false, cancellationToken).ConfigureAwait(false);
                case "credential-process":
                    if (CredentialArguments.WantsHelp(rest)) return await Help(output, HelpText.CredentialProcess).ConfigureAwait(false);
                    return await GetAsync(CredentialArguments.Parse(rest, environment, allowOutputFlags: false), environment, output, error, true, cancellationToken)
                        .ConfigureAwait(false);
                case "exec":
                    return await ExecAsync(rest, environment, output, cancellationToken).ConfigureAwait(false);
                case "completion":
                    if (CredentialArguments.WantsHelp(rest)) return await Help(output, HelpText.Completion).ConfigureAwait(false);
                    if (rest is not [var shell] || Completion.Script(shell) is not { } script)
                    {
                        throw new UsageException("Usage: stsftw completion bash|zsh|fish|pwsh");
                    }
                    return await Help(output, script).ConfigureAwait(false);
                case "console":
                    if (CredentialArguments.WantsHelp(rest)) return await Help(output, HelpText.Console).ConfigureAwait(false);
                    return await ConsoleCommand.RunAsync(rest, environment, output, cancellationToken).ConfigureAwait(false);
                case "profile":
                    if (CredentialArguments.WantsHelp(rest)) return await Help(output, HelpText.Profile).ConfigureAwait(false);
                    return await ProfileCommand.RunAsync(rest, environment, output, ExecutablePath()).ConfigureAwait(false);
                case "enroll":
                    if (CredentialArguments.WantsHelp(rest)) return await Help(output, HelpText.Enroll).ConfigureAwait(false);
                    return InvitationArguments.IsRequested(rest)
                        ? await InvitationEnrollCommand.RunAsync(rest, environment, output, cancellationToken).ConfigureAwait(false)
                        : await EnrollCommand.RunAsync(rest, environment, output, error, cancellationToken).ConfigureAwait(false);
                case "cache":
                    if (CredentialArguments.WantsHelp(rest)) return await Help(output, HelpText.Cache).ConfigureAwait(false);
                    return await CacheAsync(rest, environment, output).ConfigureAwait(false);
                default:
                    throw new UsageException($"Unknown command '{args[0]}'; see stsftw --help.");
            }
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync("stsftw: " + e.Message).ConfigureAwait(false);
            return Usage;
        }
        catch (CommandFailedException e)
        {
            await error.WriteLineAsync("stsftw: " + e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
    }

    private static async Task<int> Help(TextWriter output, string text)
    {
        await output.WriteAsync(text).ConfigureAwait(false);
        return Success;
    }

    private static async Task<int> GetAsync(CredentialArguments arguments, IEnvironmentVariables environment, TextWriter output, TextWriter error,
        bool credentialProcess, CancellationToken cancellationToken)
    {
        _ = error;
        var credentials = await GetCredentialsAsync(arguments, environment, cancellationToken).ConfigureAwait(false);
        if (credentialProcess || arguments.Output == OutputKind.Json)
        {
            await output.WriteLineAsync(CredentialProcessOutput.Format(credentials)).ConfigureAwait(false);
        }
        else
        {
            foreach (var line in ExportFormatter.Format(credentials, arguments.Shell, arguments.Region)) await output.WriteLineAsync(line).ConfigureAwait(false);
        }
        return Success;
    }

    /// <summary><c>exec [flags] -- COMMAND [ARGS…]</c>: runs COMMAND with the credentials in its environment only and returns its exit code.</summary>
    private static async Task<int> ExecAsync(string[] args, IEnvironmentVariables environment, TextWriter output, CancellationToken cancellationToken)
    {
        var separator = Array.IndexOf(args, "--");
        var flags = separator < 0 ? args : args[..separator];
        if (CredentialArguments.WantsHelp(flags))
        {
            await output.WriteAsync(HelpText.Exec).ConfigureAwait(false);
            return Success;
        }
        if (separator < 0 || separator == args.Length - 1) throw new UsageException("Usage: stsftw exec [flags] -- COMMAND [ARGS...]");
        var arguments = CredentialArguments.Parse(flags, environment, allowOutputFlags: false);
        var program = ResolveProgram(args[separator + 1], environment)
            ?? throw new CommandFailedException($"'{args[separator + 1]}' was not found on PATH.", CannotStart);
        var credentials = await GetCredentialsAsync(arguments, environment, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<KeyValuePair<string, string?>> changes;
        try
        {
            changes = CommandEnvironment.For(credentials, arguments.Region);
        }
        catch (ArgumentException e)
        {
            throw new CommandFailedException(OneLine(FirstSentences(e.Message)));
        }
        var command = new ExternalCommand(program, args[(separator + 2)..], Directory.GetCurrentDirectory());
        try
        {
            return await command.RunAsync(changes, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new CommandFailedException($"'{args[separator + 1]}' could not be started: {OneLine(e.Message)}", CannotStart);
        }
        catch (OperationCanceledException)
        {
            return Interrupted;
        }
    }

    // As a shell does: a name with a slash is a path; else the first executable file of that name on PATH.
    private static string? ResolveProgram(string name, IEnvironmentVariables environment)
    {
        if (name.Contains('/', StringComparison.Ordinal)) return File.Exists(name) ? Path.GetFullPath(name) : null;
        foreach (var folder in (environment.Get("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
        }
        return null;
    }

    // The binary a registered profile runs: this process's own file (a symbolic link such as `sts` resolved by the kernel).
    private static string ExecutablePath() =>
        Environment.ProcessPath ?? throw new CommandFailedException("The path of this program is unknown, so no profile can point at it.");

    /// <summary>The credentials for <paramref name="arguments"/>: from the cache, else for a code, as <c>get</c> gets them.</summary>
    internal static async Task<BrokeredCredentials> GetCredentialsAsync(CredentialArguments arguments, IEnvironmentVariables environment, CancellationToken cancellationToken)
    {
        if (!CredentialEndpoint.TryCreate(arguments.Endpoint, out var endpoint, out var reason)) throw new UsageException(reason);
        var cache = CacheOptions(arguments, environment);
        var prompt = new TerminalCodePrompt(PrimaryHint, CoSignerHint);
        CredentialSessionRequest request;
        try
        {
            request = new CredentialSessionRequest(arguments.Issuer, arguments.AccountName, arguments.Role,
                CodeSource.Choose(arguments.TotpCode, arguments.TotpCodeCommand, arguments.TotpCodeCommandSource, prompt))
            {
                SecondaryAccountName = arguments.SecondaryAccountName,
                SecondaryCode = arguments.SecondaryAccountName is null ? null
                    : CodeSource.Choose(arguments.SecondaryTotpCode, arguments.SecondaryTotpCodeCommand, arguments.SecondaryTotpCodeCommandSource, prompt),
                DurationSeconds = arguments.DurationSeconds,
            };
        }
        catch (ArgumentException e)
        {
            throw new UsageException(FirstSentences(e.Message));
        }

        using var client = new CredentialEndpointClient(endpoint!, arguments.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        var session = new CredentialSession(client, cache);
        CredentialSessionResult result;
        try
        {
            result = await session.GetCredentialsAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (CodeUnavailableException e) when (e.Reason == CodeUnavailableReason.NotACode)
        {
            throw new UsageException(OneLine(e.Message));
        }
        catch (CodeUnavailableException e)
        {
            throw new CommandFailedException(OneLine(e.Message));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(OneLine(FirstSentences(e.Message)));
        }
        catch (OperationCanceledException)
        {
            throw new CommandFailedException("No code was entered: the prompt was cancelled.");
        }
        return result.Succeeded ? result.Credentials! : throw new CommandFailedException(OneLine(result.Failure!.Message));
    }

    private static CredentialCacheOptions CacheOptions(CredentialArguments arguments, IEnvironmentVariables environment)
    {
        if (arguments.NoCache) return CredentialCacheOptions.Disabled;
        CredentialCache cache;
        try
        {
            cache = CredentialCache.ForCurrentUser(environment);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(FirstSentences(e.Message));
        }
        var policy = arguments.RefreshMinutes is { } minutes ? new CredentialRefreshPolicy(TimeSpan.FromMinutes(minutes)) : CredentialRefreshPolicy.Default;
        return new CredentialCacheOptions(cache, policy, arguments.Refresh);
    }

    private static async Task<int> CacheAsync(string[] args, IEnvironmentVariables environment, TextWriter output)
    {
        if (args.Length != 1 || args[0] != "clear") throw new UsageException("Usage: stsftw cache clear");
        CredentialCache cache;
        try
        {
            cache = CredentialCache.ForCurrentUser(environment);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(FirstSentences(e.Message));
        }
        int removed;
        try
        {
            removed = cache.Clear();
        }
        catch (IOException e)
        {
            throw new CommandFailedException(OneLine(e.Message));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CommandFailedException(OneLine(e.Message));
        }
        await output.WriteLineAsync(removed == 1 ? "Removed 1 cached credential file." : $"Removed {removed} cached credential files.").ConfigureAwait(false);
        return Success;
    }

    // ArgumentException appends " (Parameter 'request')" on .NET; the person needs only the sentences before it.
    internal static string FirstSentences(string message)
    {
        var parameter = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter > 0 ? message[..parameter] : message;
    }

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
