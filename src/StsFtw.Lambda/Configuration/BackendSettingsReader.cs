using System.Globalization;
using StsFtw.Aws;
using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Sns;
using StsFtw.Core.Broker;
using StsFtw.Core.Credentials;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Hosting;
using StsFtw.Core.Protection;

namespace StsFtw.Lambda.Configuration;

/// <summary>
/// Reads <see cref="BackendSettings"/> from the environment and checks all of it at once, so one start-up error
/// names every variable to fix.
/// </summary>
public static class BackendSettingsReader
{
    private const int MaximumKeyIdLength = 2048;

    /// <summary>Reads and validates; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static BackendSettings Read(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();

        var tableName = Value(environment, SettingCatalog.TableName);
        if (tableName is null) problems.Add($"{SettingNames.TableName} is not set: name the DynamoDB auth table.");
        else if (AuthTableName.Check(tableName) is { } tableProblem) problems.Add($"{SettingNames.TableName}: {tableProblem}");

        var topicArn = Value(environment, SettingCatalog.AuditTopicArn);
        if (topicArn is null) problems.Add($"{SettingNames.AuditTopicArn} is not set: name the SNS audit topic ARN.");
        else if (!IsTopicArn(topicArn)) problems.Add($"{SettingNames.AuditTopicArn} is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>).");

        // Lambda always sets the region; without it the AWS SDK cannot build a client, so the local mode checks it here
        // instead of crashing in the first client's constructor.
        var region = Value(environment, SettingCatalog.Region);
        if (region is null) problems.Add($"{SettingNames.Region} is not set: name the region of the table, key and STS, e.g. {SettingNames.Region}=us-east-1 (Lambda sets it itself).");
        else if (AwsRegionName.Check(region) is { } regionProblem) problems.Add($"{SettingNames.Region}: {regionProblem}");

        var keyId = Value(environment, SettingCatalog.KmsKeyId);
        if (keyId is not null && (keyId.Length > MaximumKeyIdLength || keyId.Any(char.IsWhiteSpace)))
        {
            problems.Add($"{SettingNames.KmsKeyId} is not a KMS key id, ARN or alias.");
        }

        var requireEncrypted = Boolean(environment, SettingCatalog.RequireEncryptedSecrets, problems);
        if (requireEncrypted && keyId is null)
        {
            problems.Add($"{SettingNames.RequireEncryptedSecrets} is true but {SettingNames.KmsKeyId} is not set: encrypted secrets need the key.");
        }

        var failureLimit = Integer(environment, SettingCatalog.LockoutFailureLimit, problems);
        var lockoutSeconds = Integer(environment, SettingCatalog.LockoutSeconds, problems);
        var lockoutMaximumSeconds = Integer(environment, SettingCatalog.LockoutMaximumSeconds, problems, atLeast: lockoutSeconds);
        if (lockoutMaximumSeconds < lockoutSeconds)
        {
            problems.Add($"{SettingNames.LockoutMaximumSeconds} ({lockoutMaximumSeconds}) is shorter than {SettingNames.LockoutSeconds} ({lockoutSeconds}).");
        }
        var failureBudget = Integer(environment, SettingCatalog.FailureBudget, problems);
        var failureBudgetWindowSeconds = Integer(environment, SettingCatalog.FailureBudgetWindowSeconds, problems);
        var maximumDuration = Integer(environment, SettingCatalog.MaximumDurationSeconds, problems);
        var defaultDuration = Integer(environment, SettingCatalog.DefaultDurationSeconds, problems, atMost: maximumDuration);
        if (defaultDuration > maximumDuration)
        {
            problems.Add($"{SettingNames.DefaultDurationSeconds} ({defaultDuration}) is longer than {SettingNames.MaximumDurationSeconds} ({maximumDuration}).");
        }

        var rolePattern = Value(environment, SettingCatalog.AllowedRoleArns);
        if (rolePattern is not null && RoleArnPolicy.Check(rolePattern) is { } roleProblem)
        {
            problems.Add($"{SettingNames.AllowedRoleArns} {roleProblem}");
        }

        problems.AddRange(EndpointOverrideRules.Problems(environment));

        if (problems.Count > 0) throw new ConfigurationException(problems);

        var broker = new BrokerOptions
        {
            Lockout = new LockoutPolicy(failureLimit, TimeSpan.FromSeconds(lockoutSeconds), TimeSpan.FromSeconds(lockoutMaximumSeconds),
                new FailureBudget(failureBudget, TimeSpan.FromSeconds(failureBudgetWindowSeconds))),
            DefaultDurationSeconds = defaultDuration,
            MaximumDurationSeconds = maximumDuration,
            RoleArns = new RoleArnPolicy(rolePattern),
        }.Validated();
        var plaintext = requireEncrypted ? PlaintextSecretPolicy.Refuse : PlaintextSecretPolicy.Accept;
        return new BackendSettings(tableName!, topicArn!, keyId, broker, plaintext, region!);
    }

    private static string? Value(IEnvironmentVariables environment, Setting setting)
    {
        var value = environment.Get(setting.Name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>
    /// The setting's value, or its default when unset or refused; a default that another setting bounds is moved to
    /// <paramref name="atLeast"/> or <paramref name="atMost"/>, so leaving it unset never contradicts that setting.
    /// </summary>
    private static int Integer(IEnvironmentVariables environment, WholeNumberSetting setting, List<string> problems, int? atLeast = null, int? atMost = null)
    {
        var fallback = Math.Min(Math.Max(setting.Default, atLeast ?? int.MinValue), atMost ?? int.MaxValue);
        var text = Value(environment, setting);
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && setting.Accepts(value)) return value;
        problems.Add($"{setting.Name} must be a whole number from {setting.Minimum} to {setting.Maximum}.");
        return fallback;
    }

    private static bool Boolean(IEnvironmentVariables environment, FlagSetting setting, List<string> problems)
    {
        var text = Value(environment, setting);
        if (text is null || text.Equals(FlagSetting.False, StringComparison.OrdinalIgnoreCase)) return false;
        if (text.Equals(FlagSetting.True, StringComparison.OrdinalIgnoreCase)) return true;
        problems.Add($"{setting.Name} must be {FlagSetting.True} or {FlagSetting.False}.");
        return false;
    }

    private static bool IsTopicArn(string value)
    {
        try
        {
            _ = new SnsAuditSinkOptions(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
