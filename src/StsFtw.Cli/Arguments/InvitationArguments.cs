using StsFtw.Core.Hosting;

namespace StsFtw.Cli.Arguments;

/// <summary>
/// <c>enroll --invitation CODE [flags]</c>, the person's way (as Register-StsDevice): the endpoint, issuer and
/// account from their flags, else STS_ENDPOINT, STS_ISSUER and STS_ACCOUNT_NAME. There is no flag for the old
/// device's code of a rotation: it is asked for on the terminal, so it never shows in the process list.
/// </summary>
internal sealed record InvitationArguments(string InvitationCode, string Endpoint, string Issuer, string AccountName, bool ShowUri, bool Json)
{
    /// <summary>The flags of this mode that take a value; completion scripts are generated from this list.</summary>
    internal static readonly string[] ValueFlags = ["--invitation", "--endpoint", "--issuer", "--account-name"];

    /// <summary>The flags of this mode that take none.</summary>
    internal static readonly string[] SwitchFlags = ["--show-uri", "--json"];

    /// <summary>True when the words after <c>enroll</c> ask for this mode.</summary>
    public static bool IsRequested(IReadOnlyList<string> args) =>
        args.Any(a => a == "--invitation" || a.StartsWith("--invitation=", StringComparison.Ordinal));

    /// <summary>Binds the words after <c>enroll</c>.</summary>
    /// <exception cref="UsageException">A flag is unknown or wrong, or a setting is missing.</exception>
    public static InvitationArguments Parse(IReadOnlyList<string> args, IEnvironmentVariables environment)
    {
        var flags = CommandFlags.Take(args, ValueFlags, SwitchFlags);
        if (flags.Rest.FirstOrDefault() is { } word)
        {
            // A flag's inline value is never echoed: it may be a code (--current-code=123456).
            var unknown = word.StartsWith("--", StringComparison.Ordinal) && word.IndexOf('=', StringComparison.Ordinal) is > 2 and var equals ? word[..equals] : word;
            throw new UsageException(unknown.StartsWith('-')
                ? $"Unknown flag '{unknown}' with --invitation (the admin's flags do not apply); see stsftw enroll --help."
                : $"Unexpected word '{unknown}'; see stsftw enroll --help.");
        }
        var missing = new List<string>();
        string Required(string flag, string? variable)
        {
            var value = flags.Value(flag) ?? (variable is null ? null : NonEmpty(environment.Get(variable)));
            if (string.IsNullOrWhiteSpace(value)) missing.Add(variable is null ? flag : $"{flag} (or {variable})");
            return value?.Trim() ?? string.Empty;
        }
        var code = Required("--invitation", null);
        var endpoint = Required("--endpoint", "STS_ENDPOINT");
        var issuer = Required("--issuer", EnrollArguments.Variables.Issuer);
        var account = Required("--account-name", EnrollArguments.Variables.AccountName);
        if (missing.Count > 0) throw new UsageException("Missing: " + string.Join(", ", missing) + ".");
        return new InvitationArguments(code, endpoint, issuer, account, flags.Has("--show-uri"), flags.Has("--json"));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <inheritdoc />
    public override string ToString() => $"InvitationArguments {{ Endpoint = {Endpoint}, Issuer = {Issuer}, AccountName = {AccountName}, InvitationCode = [redacted] }}";
}
