using System.Globalization;
using StsFtw.Client.Files;
using StsFtw.Client.Profiles;
using StsFtw.Client.Settings;
using StsFtw.Core.Hosting;

namespace StsFtw.Cli.Arguments;

/// <summary>
/// <c>profile register NAME [flags]</c> and <c>profile unregister NAME</c>, bound as Register-StsProfile and
/// Unregister-StsProfile bind theirs: the endpoint, issuer, account, role, co-signer and session length from a flag or
/// its STS_* variable; the region and the code command only from their flags; never a code.
/// </summary>
internal sealed record ProfileArguments(string Name, string? ConfigFile, bool Force, CredentialProcessRequest? Request)
{
    /// <summary>The flags of <c>profile register</c> that take a value; completion scripts are generated from this list.</summary>
    internal static readonly string[] RegisterValueFlags =
    [
        "--endpoint", "--issuer", "--account-name", "--role", "--secondary-authorizer", "--secondary-account-name",
        "--duration-seconds", "--region", "--totp-code-command", "--config-file",
    ];

    /// <summary>The flags of <c>profile register</c> that take none.</summary>
    internal static readonly string[] RegisterSwitchFlags = ["--force"];

    /// <summary>Binds the words after <c>profile register</c>.</summary>
    /// <exception cref="UsageException">A flag is unknown or wrong, the name is missing or bad, or a setting is missing.</exception>
    public static ProfileArguments ParseRegister(IReadOnlyList<string> args, IEnvironmentVariables environment)
    {
        var flags = CommandFlags.Take(args, RegisterValueFlags, RegisterSwitchFlags);
        var name = NameOf(flags.Rest, "register");
        if (flags.Has("--secondary-authorizer") && flags.Has("--secondary-account-name"))
        {
            throw new UsageException("--secondary-authorizer and --secondary-account-name name the same setting; give one.");
        }
        var missing = new List<string>();
        string Required(string flag, string variable)
        {
            var value = flags.Value(flag) ?? NonEmpty(environment.Get(variable));
            if (value is null) missing.Add($"{flag} (or {variable})");
            return value ?? string.Empty;
        }
        var endpoint = Required("--endpoint", ClientVariables.Endpoint);
        var issuer = Required("--issuer", ClientVariables.Issuer);
        var account = Required("--account-name", ClientVariables.AccountName);
        var role = Required("--role", ClientVariables.Role);
        if (missing.Count > 0) throw new UsageException("Missing: " + string.Join(", ", missing) + ".");

        var request = new CredentialProcessRequest(endpoint, issuer, account, role)
        {
            SecondaryAccountName = flags.Value("--secondary-authorizer") ?? flags.Value("--secondary-account-name")
                ?? NonEmpty(environment.Get(ClientVariables.SecondaryAccountName)),
            DurationSeconds = Duration(flags.Value("--duration-seconds") is { } given ? (given, "--duration-seconds")
                : (NonEmpty(environment.Get(ClientVariables.DurationSeconds)), ClientVariables.DurationSeconds)),
            Region = flags.Value("--region"),
            TotpCodeCommand = flags.Value("--totp-code-command"),
        };
        return new ProfileArguments(name, flags.Value("--config-file"), flags.Has("--force"), request);
    }

    /// <summary>Binds the words after <c>profile unregister</c>.</summary>
    /// <exception cref="UsageException">A flag is unknown, or the name is missing or bad.</exception>
    public static ProfileArguments ParseUnregister(IReadOnlyList<string> args)
    {
        var flags = CommandFlags.Take(args, ["--config-file"], []);
        return new ProfileArguments(NameOf(flags.Rest, "unregister"), flags.Value("--config-file"), Force: false, Request: null);
    }

    /// <summary>--config-file made absolute, else AWS_CONFIG_FILE, else ~/.aws/config.</summary>
    public string ConfigFilePath(IEnvironmentVariables environment) =>
        ConfigFile is not null ? Path.GetFullPath(ConfigFile) : AwsConfigLocation.Resolve(environment);

    private static string NameOf(string[] rest, string command)
    {
        if (rest.FirstOrDefault(w => w.StartsWith('-')) is { } unknown) throw new UsageException($"Unknown flag '{unknown}'; see stsftw profile --help.");
        if (rest is not [var name]) throw new UsageException($"Usage: stsftw profile {command} NAME [flags]");
        return SharedCredentialsFile.CheckProfileName(name) is { } problem ? throw new UsageException(problem) : name;
    }

    private static int? Duration((string? Text, string Source) value)
    {
        if (value.Text is null) return null;
        if (!int.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 900 || seconds > 3600)
        {
            throw new UsageException($"{value.Source} must be a whole number from 900 to 3600.");
        }
        return seconds;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
