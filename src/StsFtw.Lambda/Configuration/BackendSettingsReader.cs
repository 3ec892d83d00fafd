using System.Globalization;
using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Sns;
using StsFtw.Core.Broker;
using StsFtw.Core.Credentials;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Hosting;
using StsFtw.Core.Protection;
using StsFtw.Core.Validation;

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

        var tableName = Value(environment, SettingNames.TableName);
        if (tableName is null) problems.Add($"{SettingNames.TableName} is not set: name the DynamoDB auth table.");
        else if (AuthTableName.Check(tableName) is { } tableProblem) problems.Add($"{SettingNames.TableName}: {tableProblem}");

        var topicArn = Value(environment, SettingNames.AuditTopicArn);
        if (topicArn is null) problems.Add($"{SettingNames.AuditTopicArn} is not set: name the SNS audit topic ARN.");
        else if (!IsTopicArn(topicArn)) problems.Add($"{SettingNames.AuditTopicArn} is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>).");

        var keyId = Value(environment, SettingNames.KmsKeyId);
        if (keyId is not null && (keyId.Length > MaximumKeyIdLength || keyId.Any(char.IsWhiteSpace)))
        {
            problems.Add($"{SettingNames.KmsKeyId} is not a KMS key id, ARN or alias.");
        }

        var requireEncrypted = Boolean(environment, SettingNames.RequireEncryptedSecrets, problems);
        if (requireEncrypted && keyId is null)
        {
            problems.Add($"{SettingNames.RequireEncryptedSecrets} is true but {SettingNames.KmsKeyId} is not set: encrypted secrets need the key.");
        }

        var failureLimit = Integer(environment, SettingNames.LockoutFailureLimit, LockoutPolicy.DefaultFailureLimit, 1, LockoutPolicy.MaximumFailureLimit, problems);
        var lockoutSeconds = Integer(environment, SettingNames.LockoutSeconds, Seconds(LockoutPolicy.DefaultDuration),
            Seconds(LockoutPolicy.ShortestDuration), Seconds(LockoutPolicy.LongestDuration), problems);
        var lockoutMaximumSeconds = Integer(environment, SettingNames.LockoutMaximumSeconds, Math.Max(lockoutSeconds, Seconds(LockoutPolicy.DefaultMaximumDuration)),
            Seconds(LockoutPolicy.ShortestDuration), Seconds(LockoutPolicy.LongestMaximumDuration), problems);
        if (lockoutMaximumSeconds < lockoutSeconds)
        {
            problems.Add($"{SettingNames.LockoutMaximumSeconds} ({lockoutMaximumSeconds}) is shorter than {SettingNames.LockoutSeconds} ({lockoutSeconds}).");
        }
        var maximumDuration = Integer(environment, SettingNames.MaximumDurationSeconds, InputRules.MaximumDurationSeconds,
            InputRules.MinimumDurationSeconds, InputRules.MaximumDurationSeconds, problems);
        var defaultDuration = Integer(environment, SettingNames.DefaultDurationSeconds, Math.Min(3600, maximumDuration),
            InputRules.MinimumDurationSeconds, InputRules.MaximumDurationSeconds, problems);
        if (defaultDuration > maximumDuration)
        {
            problems.Add($"{SettingNames.DefaultDurationSeconds} ({defaultDuration}) is longer than {SettingNames.MaximumDurationSeconds} ({maximumDuration}).");
        }

        var rolePattern = Value(environment, SettingNames.AllowedRoleArns);
        if (rolePattern is not null && !rolePattern.StartsWith("arn:", StringComparison.Ordinal))
        {
            problems.Add($"{SettingNames.AllowedRoleArns} must be a role ARN pattern such as arn:aws:iam::123456789012:role/stsftw/*.");
        }
        else if (rolePattern is not null && rolePattern.Split(':').Length != 6)
        {
            problems.Add($"{SettingNames.AllowedRoleArns} must have the six parts of an ARN (arn:partition:iam::account:role/name).");
        }

        if (problems.Count > 0) throw new ConfigurationException(problems);

        var broker = new BrokerOptions
        {
            Lockout = new LockoutPolicy(failureLimit, TimeSpan.FromSeconds(lockoutSeconds), TimeSpan.FromSeconds(lockoutMaximumSeconds)),
            DefaultDurationSeconds = defaultDuration,
            MaximumDurationSeconds = maximumDuration,
            RoleArns = new RoleArnPolicy(rolePattern),
        }.Validated();
        var plaintext = requireEncrypted ? PlaintextSecretPolicy.Refuse : PlaintextSecretPolicy.Accept;
        return new BackendSettings(tableName!, topicArn!, keyId, broker, plaintext, Value(environment, SettingNames.Region));
    }

    private static string? Value(IEnvironmentVariables environment, string name)
    {
        var value = environment.Get(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static int Integer(IEnvironmentVariables environment, string name, int fallback, int minimum, int maximum, List<string> problems)
    {
        var text = Value(environment, name);
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum) return value;
        problems.Add($"{name} must be a whole number from {minimum} to {maximum}.");
        return fallback;
    }

    private static int Seconds(TimeSpan span) => (int)span.TotalSeconds;

    private static bool Boolean(IEnvironmentVariables environment, string name, List<string> problems)
    {
        var text = Value(environment, name);
        if (text is null || text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        problems.Add($"{name} must be true or false.");
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
