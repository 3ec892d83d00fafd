using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Validation;

namespace StsFtw.Lambda.Configuration;

/// <summary>
/// Every environment variable the backend reads, in the order <c>bootstrap --help</c> prints them. The bounds and
/// defaults come from the rules they feed (<see cref="LockoutPolicy"/>, <see cref="InputRules"/>,
/// <see cref="BrokerOptions"/>); <see cref="BackendSettingsReader"/> enforces them from here.
/// </summary>
public static class SettingCatalog
{
    /// <summary><see cref="SettingNames.TableName"/>.</summary>
    public static TextSetting TableName { get; } = new(SettingNames.TableName, "DynamoDB auth table", Default: null);

    /// <summary><see cref="SettingNames.AuditTopicArn"/>.</summary>
    public static TextSetting AuditTopicArn { get; } = new(SettingNames.AuditTopicArn, "SNS audit topic ARN", Default: null);

    /// <summary><see cref="SettingNames.KmsKeyId"/>.</summary>
    public static TextSetting KmsKeyId { get; } = new(SettingNames.KmsKeyId, "KMS key id, ARN or alias protecting TOTP secrets",
        "none: plaintext entries only");

    /// <summary><see cref="SettingNames.RequireEncryptedSecrets"/>.</summary>
    public static FlagSetting RequireEncryptedSecrets { get; } = new(SettingNames.RequireEncryptedSecrets,
        $"refuse plaintext secrets; needs {SettingNames.KmsKeyId}");

    /// <summary><see cref="SettingNames.LockoutFailureLimit"/>.</summary>
    public static WholeNumberSetting LockoutFailureLimit { get; } = new(SettingNames.LockoutFailureLimit,
        "consecutive failures tolerated before a lock", 1, LockoutPolicy.MaximumFailureLimit, LockoutPolicy.DefaultFailureLimit);

    /// <summary><see cref="SettingNames.LockoutSeconds"/>.</summary>
    public static WholeNumberSetting LockoutSeconds { get; } = new(SettingNames.LockoutSeconds,
        "first lock; each further one doubles the last", Seconds(LockoutPolicy.ShortestDuration), Seconds(LockoutPolicy.LongestDuration),
        Seconds(LockoutPolicy.DefaultDuration));

    /// <summary><see cref="SettingNames.LockoutMaximumSeconds"/>; never below <see cref="LockoutSeconds"/>.</summary>
    public static WholeNumberSetting LockoutMaximumSeconds { get; } = new(SettingNames.LockoutMaximumSeconds,
        $"longest lock, at least {SettingNames.LockoutSeconds}", Seconds(LockoutPolicy.ShortestDuration),
        Seconds(LockoutPolicy.LongestMaximumDuration), Seconds(LockoutPolicy.DefaultMaximumDuration));

    /// <summary><see cref="SettingNames.DefaultDurationSeconds"/>; never above <see cref="MaximumDurationSeconds"/>.</summary>
    public static WholeNumberSetting DefaultDurationSeconds { get; } = new(SettingNames.DefaultDurationSeconds,
        $"session length, at most {SettingNames.MaximumDurationSeconds}", InputRules.MinimumDurationSeconds,
        InputRules.MaximumDurationSeconds, new BrokerOptions().DefaultDurationSeconds);

    /// <summary><see cref="SettingNames.MaximumDurationSeconds"/>.</summary>
    public static WholeNumberSetting MaximumDurationSeconds { get; } = new(SettingNames.MaximumDurationSeconds,
        "longest session a request may ask for", InputRules.MinimumDurationSeconds, InputRules.MaximumDurationSeconds,
        new BrokerOptions().MaximumDurationSeconds);

    /// <summary><see cref="SettingNames.FailureBudget"/>.</summary>
    public static WholeNumberSetting FailureBudget { get; } = new(SettingNames.FailureBudget,
        "failures tolerated per window, successes or not", 1, Core.Enrollment.FailureBudget.MaximumFailures, Core.Enrollment.FailureBudget.DefaultFailures);

    /// <summary><see cref="SettingNames.FailureBudgetWindowSeconds"/>.</summary>
    public static WholeNumberSetting FailureBudgetWindowSeconds { get; } = new(SettingNames.FailureBudgetWindowSeconds,
        "the failure budget's window, from its first failure", Seconds(Core.Enrollment.FailureBudget.ShortestWindow),
        Seconds(Core.Enrollment.FailureBudget.LongestWindow), Seconds(Core.Enrollment.FailureBudget.DefaultWindow));

    /// <summary><see cref="SettingNames.AllowedRoleArns"/>.</summary>
    public static TextSetting AllowedRoleArns { get; } = new(SettingNames.AllowedRoleArns,
        "role ARN, or ARN prefix ending in *, that every role (names resolved into this account) must match", "role names only");

    /// <summary><see cref="SettingNames.Region"/>.</summary>
    public static TextSetting Region { get; } = new(SettingNames.Region, "region of the table, key and STS; Lambda sets it", Default: null);

    /// <summary>
    /// The AWS SDKs' own endpoint variables (<c>AWS_ENDPOINT_URL</c>, <c>AWS_ENDPOINT_URL_DYNAMODB</c> and so on),
    /// which point the backend at local servers; the SDKs read them, not <see cref="BackendSettingsReader"/>.
    /// </summary>
    public static TextSetting Endpoints { get; } = new("AWS_ENDPOINT_URL[_*]", "local endpoints (dynalite, LocalStack); loopback only in Lambda", "AWS's own");

    /// <summary>Every setting, in help order.</summary>
    public static IReadOnlyList<Setting> All { get; } =
    [
        TableName, AuditTopicArn, KmsKeyId, RequireEncryptedSecrets,
        LockoutFailureLimit, LockoutSeconds, LockoutMaximumSeconds, DefaultDurationSeconds, MaximumDurationSeconds,
        AllowedRoleArns, Region, Endpoints,
        FailureBudget, FailureBudgetWindowSeconds,
    ];

    private static int Seconds(TimeSpan span) => (int)span.TotalSeconds;
}
