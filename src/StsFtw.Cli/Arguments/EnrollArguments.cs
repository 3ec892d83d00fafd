using StsFtw.Core.Hosting;

namespace StsFtw.Cli.Arguments;

/// <summary>
/// <c>enroll [flags]</c>, bound as New-StsEnrollment binds its parameters: each setting from its flag, else its STS_*
/// variable (lists comma-separated). Without a KMS key the secret would be stored in plaintext, which is refused
/// unless <c>--allow-plaintext-secret</c> says so (SECURITY.md).
/// </summary>
internal sealed record EnrollArguments(
    string Issuer,
    string AccountName,
    string TableName,
    string? Region,
    string? KmsKeyId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> SecondaryAuthorizers,
    string? QrFile,
    bool ShowUri,
    bool Force,
    bool Json)
{
    /// <summary>The flags of <c>enroll</c> that take a value; completion scripts are generated from this list.</summary>
    internal static readonly string[] ValueFlags =
    [
        "--issuer", "--account-name", "--table-name", "--roles", "--secondary-authorizers", "--kms-key-id", "--region", "--qr-file",
    ];

    /// <summary>The flags of <c>enroll</c> that take none.</summary>
    internal static readonly string[] SwitchFlags = ["--allow-plaintext-secret", "--show-uri", "--force", "--json"];

    /// <summary>Binds the words after <c>enroll</c>.</summary>
    /// <exception cref="UsageException">A flag is unknown or wrong, a setting is missing, or no KMS key without --allow-plaintext-secret.</exception>
    public static EnrollArguments Parse(IReadOnlyList<string> args, IEnvironmentVariables environment)
    {
        var flags = CommandFlags.Take(args, ValueFlags, SwitchFlags);
        if (flags.Rest.FirstOrDefault() is { } unknown)
        {
            throw new UsageException(unknown.StartsWith('-') ? $"Unknown flag '{unknown}'; see stsftw enroll --help." : $"Unexpected word '{unknown}'; see stsftw enroll --help.");
        }
        string? Setting(string flag, string variable) => flags.Value(flag) ?? NonEmpty(environment.Get(variable));
        var missing = new List<string>();
        string Required(string flag, string variable)
        {
            var value = Setting(flag, variable);
            if (value is null) missing.Add($"{flag} (or {variable})");
            return value ?? string.Empty;
        }
        var issuer = Required("--issuer", Variables.Issuer);
        var account = Required("--account-name", Variables.AccountName);
        var table = Required("--table-name", Variables.TableName);
        if (missing.Count > 0) throw new UsageException("Missing: " + string.Join(", ", missing) + ".");

        var kmsKeyId = Setting("--kms-key-id", Variables.KmsKeyId);
        var allowPlaintext = flags.Has("--allow-plaintext-secret");
        if (kmsKeyId is null && !allowPlaintext)
        {
            throw new UsageException(
                $"No KMS key: the secret would be stored in plaintext in the table. Pass --kms-key-id (or {Variables.KmsKeyId}), or --allow-plaintext-secret for a table without one.");
        }
        if (kmsKeyId is not null && allowPlaintext) throw new UsageException("--allow-plaintext-secret and a KMS key contradict each other; give one.");

        return new EnrollArguments(issuer, account, table, Setting("--region", Variables.Region), kmsKeyId,
            List(Setting("--roles", Variables.Roles)), List(Setting("--secondary-authorizers", Variables.SecondaryAuthorizers)),
            flags.Value("--qr-file"), flags.Has("--show-uri"), flags.Has("--force"), flags.Has("--json"));
    }

    private static string[] List(string? text) =>
        text is null ? [] : [.. text.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0)];

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The variables New-StsEnrollment reads (src/StsFtw.PowerShell/Settings/StsVariables.cs).</summary>
    internal static class Variables
    {
        public const string Issuer = "STS_ISSUER";
        public const string AccountName = "STS_ACCOUNT_NAME";
        public const string TableName = "STS_TABLE_NAME";
        public const string Region = "STS_REGION";
        public const string KmsKeyId = "STS_KMS_KEY_ID";
        public const string Roles = "STS_ROLES";
        public const string SecondaryAuthorizers = "STS_SECONDARY_AUTHORIZERS";
    }
}
