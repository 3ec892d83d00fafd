using System.Globalization;
using StsFtw.Client.Output;
using StsFtw.Client.Settings;
using StsFtw.Core.Hosting;
using StsFtw.Core.Validation;

namespace StsFtw.Cli.Arguments;

/// <summary>
/// The settings of <c>get</c> and <c>credential-process</c>, bound from flags and STS_* variables: a flag wins over
/// its variable. Everything wrong is a <see cref="UsageException"/> (exit code 2), before anything is posted.
/// </summary>
internal sealed record CredentialArguments
{
    public required string Endpoint { get; init; }
    public required string Issuer { get; init; }
    public required string AccountName { get; init; }
    public required string Role { get; init; }
    public string? SecondaryAccountName { get; init; }
    public string? TotpCode { get; init; }
    public string? SecondaryTotpCode { get; init; }
    public string? TotpCodeCommand { get; init; }
    public string TotpCodeCommandSource { get; init; } = "--totp-code-command";
    public string? SecondaryTotpCodeCommand { get; init; }
    public string SecondaryTotpCodeCommandSource { get; init; } = "--secondary-totp-code-command";
    public ShellKind Shell { get; init; }
    public OutputKind Output { get; init; }
    public string? Region { get; init; }
    public int? DurationSeconds { get; init; }
    public int? TimeoutSeconds { get; init; }
    public int? RefreshMinutes { get; init; }
    public bool NoCache { get; init; }
    public bool Refresh { get; init; }

    /// <summary>The flags that take a value; completion scripts are generated from this list.</summary>
    internal static readonly string[] ValueFlags =
    [
        "--endpoint", "--issuer", "--account-name", "--role", "--secondary-authorizer", "--secondary-account-name",
        "--totp-code", "--secondary-totp-code", "--totp-code-command", "--secondary-totp-code-command",
        "--shell", "--region", "--duration-seconds", "--timeout-seconds", "--refresh-minutes",
    ];

    /// <summary>The flags that take no value; completion scripts are generated from this list.</summary>
    internal static readonly string[] SwitchFlags = ["--json", "--no-cache", "--refresh"];

    /// <summary>True when <paramref name="args"/> asks for help (<c>--help</c>, <c>-h</c>).</summary>
    public static bool WantsHelp(IEnumerable<string> args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <summary>Binds <paramref name="args"/> (the words after the command) and the STS_* variables.</summary>
    /// <param name="args">The words after the command name.</param>
    /// <param name="environment">Where the STS_* variables are read.</param>
    /// <param name="allowOutputFlags">False for credential-process, which prints only its JSON: --shell and --json are refused.</param>
    public static CredentialArguments Parse(IReadOnlyList<string> args, IEnvironmentVariables environment, bool allowOutputFlags = true)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var switches = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            string name;
            string? inline = null;
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (word.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                name = word[..equals];
                inline = word[(equals + 1)..];
            }
            else
            {
                name = word;
            }
            if (!allowOutputFlags && name is "--shell" or "--json")
            {
                throw new UsageException($"{name} is not a flag of credential-process, which prints only the credential_process JSON.");
            }
            if (Array.IndexOf(SwitchFlags, name) >= 0)
            {
                if (inline is not null) throw new UsageException($"{name} takes no value.");
                switches.Add(name);
            }
            else if (Array.IndexOf(ValueFlags, name) >= 0)
            {
                if (name == "--secondary-account-name") name = "--secondary-authorizer";
                string value;
                if (inline is not null)
                {
                    value = inline;
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"{name} needs a value.");
                }
                if (value.Length == 0) throw new UsageException($"{name} needs a value.");
                if (!values.TryAdd(name, value)) throw new UsageException($"{name} is given twice.");
            }
            else if (word.StartsWith('-'))
            {
                throw new UsageException($"Unknown flag '{name}'; see --help.");
            }
            else
            {
                throw new UsageException($"Unexpected argument '{word}'; see --help.");
            }
        }

        var missing = new List<string>();
        string Required(string flag, string variable)
        {
            var value = Optional(flag, variable);
            if (value is null) missing.Add($"{flag} (or {variable})");
            return value ?? string.Empty;
        }
        string? Optional(string flag, string? variable) =>
            values.TryGetValue(flag, out var given) ? given : variable is null ? null : NonEmpty(environment.Get(variable));

        var endpoint = Required("--endpoint", ClientVariables.Endpoint);
        var issuer = Required("--issuer", ClientVariables.Issuer);
        var account = Required("--account-name", ClientVariables.AccountName);
        var role = Required("--role", ClientVariables.Role);
        if (missing.Count > 0) throw new UsageException("Missing: " + string.Join(", ", missing) + ".");

        var codeCommandFlag = values.ContainsKey("--totp-code-command");
        var secondaryCodeCommandFlag = values.ContainsKey("--secondary-totp-code-command");
        var result = new CredentialArguments
        {
            Endpoint = endpoint,
            Issuer = issuer,
            AccountName = account,
            Role = role,
            SecondaryAccountName = Optional("--secondary-authorizer", ClientVariables.SecondaryAccountName),
            TotpCode = Optional("--totp-code", null),
            SecondaryTotpCode = Optional("--secondary-totp-code", null),
            TotpCodeCommand = Optional("--totp-code-command", ClientVariables.TotpCodeCommand),
            TotpCodeCommandSource = codeCommandFlag ? "--totp-code-command" : ClientVariables.TotpCodeCommand,
            SecondaryTotpCodeCommand = Optional("--secondary-totp-code-command", ClientVariables.SecondaryTotpCodeCommand),
            SecondaryTotpCodeCommandSource = secondaryCodeCommandFlag ? "--secondary-totp-code-command" : ClientVariables.SecondaryTotpCodeCommand,
            Shell = ShellOf(Optional("--shell", ClientVariables.Shell), values.ContainsKey("--shell") ? "--shell" : ClientVariables.Shell),
            Output = switches.Contains("--json") ? OutputKind.Json : OutputKind.Export,
            Region = Optional("--region", ClientVariables.CredentialRegion),
            DurationSeconds = Integer(values, environment, "--duration-seconds", ClientVariables.DurationSeconds, 900, 3600),
            TimeoutSeconds = Integer(values, environment, "--timeout-seconds", ClientVariables.TimeoutSeconds, 1, 300),
            RefreshMinutes = Integer(values, environment, "--refresh-minutes", ClientVariables.RefreshMinutes, 5, 15),
            NoCache = switches.Contains("--no-cache") || CacheOff(environment.Get(ClientVariables.Cache)),
            Refresh = switches.Contains("--refresh"),
        };
        if (result.Region is { } region && AwsRegionName.Check(region) is { } regionProblem)
        {
            throw new UsageException((values.ContainsKey("--region") ? "--region: " : ClientVariables.CredentialRegion + ": ") + regionProblem);
        }
        // A code given is checked now, so a typo fails before anything is posted; the code itself is never shown.
        if (result.TotpCode is not null && InputRules.CheckTotpCode(result.TotpCode, "--totp-code") is { } codeProblem) throw new UsageException(codeProblem);
        if (result.SecondaryTotpCode is not null && InputRules.CheckTotpCode(result.SecondaryTotpCode, "--secondary-totp-code") is { } secondaryProblem)
        {
            throw new UsageException(secondaryProblem);
        }
        if (result.SecondaryTotpCode is not null && result.SecondaryAccountName is null)
        {
            throw new UsageException($"--secondary-totp-code needs --secondary-authorizer (or {ClientVariables.SecondaryAccountName}).");
        }
        return result;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int? Integer(Dictionary<string, string> values, IEnvironmentVariables environment, string flag, string variable, int minimum, int maximum)
    {
        var fromFlag = values.TryGetValue(flag, out var text);
        if (!fromFlag) text = NonEmpty(environment.Get(variable));
        if (text is null) return null;
        var source = fromFlag ? flag : variable;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < minimum || number > maximum)
        {
            throw new UsageException($"{source} must be a whole number from {minimum} to {maximum}.");
        }
        return number;
    }

    private static bool CacheOff(string? setting) => setting?.ToLowerInvariant() switch
    {
        null or "" or "on" or "1" or "true" or "yes" => false,
        "off" or "0" or "false" or "no" => true,
        _ => throw new UsageException($"{ClientVariables.Cache} must be on or off."),
    };

    private static ShellKind ShellOf(string? name, string source) => name?.ToLowerInvariant() switch
    {
        null or "bash" or "zsh" or "sh" or "ksh" => ShellKind.Bash,
        "fish" => ShellKind.Fish,
        "pwsh" or "powershell" => ShellKind.PowerShell,
        "cmd" => ShellKind.Cmd,
        _ => throw new UsageException($"{source} must be bash, zsh, fish, pwsh or cmd."),
    };
}
