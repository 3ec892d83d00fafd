using StsFtw.Cli.Arguments;
using StsFtw.Client.Cache;
using StsFtw.Client.Codes;
using StsFtw.Client.Endpoint;
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
            return Failure;
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
        if (!result.Succeeded) throw new CommandFailedException(OneLine(result.Failure!.Message));

        var credentials = result.Credentials!;
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
    private static string FirstSentences(string message)
    {
        var parameter = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter > 0 ? message[..parameter] : message;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private sealed class CommandFailedException(string message) : Exception(message);
}
