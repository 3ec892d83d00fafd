using StsFtw.Core.Protection;
using StsFtw.Lambda.Configuration;

namespace StsFtw.Lambda.Tests.Configuration;

public sealed class BackendSettingsReaderTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";

    /// <summary>Reads <paramref name="variables"/>, with the region Lambda always sets unless the test names it itself.</summary>
    private static BackendSettings Read(params (string Name, string? Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value);
        values.TryAdd(SettingNames.Region, "us-east-1");
        return BackendSettingsReader.Read(new DictionaryEnvironmentVariables(values));
    }

    [Fact]
    public void TableAndTopicAreEnoughAndTheRestHasSaneDefaults()
    {
        var settings = Read((SettingNames.TableName, "stsftw-auth"), (SettingNames.AuditTopicArn, Topic));

        Assert.Equal("stsftw-auth", settings.TableName);
        Assert.Equal(Topic, settings.AuditTopicArn);
        Assert.Null(settings.KmsKeyId);
        Assert.Equal(5, settings.Broker.Lockout.FailureLimit);
        Assert.Equal(TimeSpan.FromMinutes(15), settings.Broker.Lockout.Duration);
        Assert.Equal(TimeSpan.FromDays(1), settings.Broker.Lockout.MaximumDuration);
        Assert.Equal(3600, settings.Broker.DefaultDurationSeconds);
        Assert.Equal(3600, settings.Broker.MaximumDurationSeconds);
        Assert.Null(settings.Broker.RoleArns.Pattern);
        Assert.Equal(PlaintextSecretPolicy.Accept, settings.PlaintextSecrets);
    }

    [Theory]
    [InlineData("true", PlaintextSecretPolicy.Refuse)]
    [InlineData("TRUE", PlaintextSecretPolicy.Refuse)]
    [InlineData("false", PlaintextSecretPolicy.Accept)]
    public void RequiringEncryptedSecretsRefusesPlaintextEntries(string value, PlaintextSecretPolicy expected)
    {
        var settings = Read((SettingNames.TableName, "auth"), (SettingNames.AuditTopicArn, Topic),
            (SettingNames.KmsKeyId, "alias/stsftw"), (SettingNames.RequireEncryptedSecrets, value));

        Assert.Equal(expected, settings.PlaintextSecrets);
    }

    [Fact]
    public void RequiringEncryptedSecretsWithoutAKeyIsAConfigurationError()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(
            (SettingNames.TableName, "auth"), (SettingNames.AuditTopicArn, Topic), (SettingNames.RequireEncryptedSecrets, "true")));

        Assert.Contains(SettingNames.KmsKeyId, Assert.Single(error.Problems));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public void RequireEncryptedSecretsAcceptsOnlyTrueOrFalse(string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(
            (SettingNames.TableName, "auth"), (SettingNames.AuditTopicArn, Topic), (SettingNames.KmsKeyId, "alias/stsftw"),
            (SettingNames.RequireEncryptedSecrets, value)));

        Assert.Contains(SettingNames.RequireEncryptedSecrets, Assert.Single(error.Problems));
    }

    [Fact]
    public void EverySettingIsRead()
    {
        var settings = Read(
            (SettingNames.TableName, "auth"), (SettingNames.AuditTopicArn, Topic), (SettingNames.KmsKeyId, "alias/stsftw"),
            (SettingNames.LockoutFailureLimit, "3"), (SettingNames.LockoutSeconds, "600"), (SettingNames.LockoutMaximumSeconds, "4800"),
            (SettingNames.DefaultDurationSeconds, "900"), (SettingNames.MaximumDurationSeconds, "1800"),
            (SettingNames.AllowedRoleArns, "arn:aws:iam::123456789012:role/stsftw/*"), (SettingNames.Region, "eu-west-1"));

        Assert.Equal("alias/stsftw", settings.KmsKeyId);
        Assert.Equal(3, settings.Broker.Lockout.FailureLimit);
        Assert.Equal(TimeSpan.FromSeconds(600), settings.Broker.Lockout.Duration);
        Assert.Equal(TimeSpan.FromSeconds(4800), settings.Broker.Lockout.MaximumDuration);
        Assert.Equal(900, settings.Broker.DefaultDurationSeconds);
        Assert.Equal(1800, settings.Broker.MaximumDurationSeconds);
        Assert.True(settings.Broker.RoleArns.Allows("arn:aws:iam::123456789012:role/stsftw/deploy"));
        Assert.Equal("eu-west-1", settings.Region);
    }

    [Fact]
    public void MissingTableAndTopicAreBothNamedInOneError()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read());

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(SettingNames.TableName, error.Message);
        Assert.Contains(SettingNames.AuditTopicArn, error.Message);
    }

    [Theory]
    [InlineData(SettingNames.LockoutFailureLimit, "0")]
    [InlineData(SettingNames.LockoutFailureLimit, "100")]
    [InlineData(SettingNames.LockoutFailureLimit, "five")]
    [InlineData(SettingNames.LockoutSeconds, "-1")]
    [InlineData(SettingNames.LockoutSeconds, "119")]
    [InlineData(SettingNames.LockoutSeconds, "86401")]
    [InlineData(SettingNames.LockoutMaximumSeconds, "604801")]
    [InlineData(SettingNames.LockoutMaximumSeconds, "60")]
    [InlineData(SettingNames.DefaultDurationSeconds, "60")]
    [InlineData(SettingNames.MaximumDurationSeconds, "50000")]
    [InlineData(SettingNames.MaximumDurationSeconds, "3601")]
    [InlineData(SettingNames.MaximumDurationSeconds, "43200")]
    [InlineData(SettingNames.DefaultDurationSeconds, "3601")]
    [InlineData(SettingNames.AuditTopicArn, "stsftw-audit")]
    [InlineData(SettingNames.TableName, "x")]
    [InlineData(SettingNames.AllowedRoleArns, "*")]
    [InlineData(SettingNames.AllowedRoleArns, "role/stsftw/*")]
    [InlineData(SettingNames.AllowedRoleArns, "arn:aws:iam::123456789012:role/*/*")]
    [InlineData(SettingNames.AllowedRoleArns, "arn:aws:iam::*:role/stsftw/*")]
    [InlineData(SettingNames.AllowedRoleArns, "arn:aws:iam::123456789012:role/stsftw/Deplo?")]
    [InlineData(SettingNames.KmsKeyId, "alias/has space")]
    public void BadValueIsNamedInTheError(string name, string value)
    {
        var variables = new Dictionary<string, string?>
        {
            [SettingNames.TableName] = "auth",
            [SettingNames.AuditTopicArn] = Topic,
            [SettingNames.Region] = "us-east-1",
            [name] = value,
        };

        var error = Assert.Throws<ConfigurationException>(() => BackendSettingsReader.Read(new DictionaryEnvironmentVariables(variables)));

        Assert.StartsWith(name, Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void MissingRegionIsAConfigurationErrorNamingAwsRegion(string? region)
    {
        // Regression: without AWS_REGION, `bootstrap --listen` died in the first AWS client's constructor with an
        // unhandled AmazonClientException (exit 134) instead of a configuration error naming the variable.
        var error = Assert.Throws<ConfigurationException>(() => Read(
            (SettingNames.TableName, "auth"), (SettingNames.AuditTopicArn, Topic), (SettingNames.Region, region)));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith($"{SettingNames.Region} is not set", problem, StringComparison.Ordinal);
        Assert.Contains("us-east-1", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("US-EAST-1")]
    [InlineData("us east 1")]
    [InlineData("us-east-1-and-a-name-far-too-long-for-a-region")]
    public void MalformedRegionIsNamedWithoutEchoingIt(string region)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(
            (SettingNames.TableName, "auth"), (SettingNames.AuditTopicArn, Topic), (SettingNames.Region, region)));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith(SettingNames.Region, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(region, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultLongerThanMaximumIsRefused()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(
            (SettingNames.TableName, "auth"), (SettingNames.AuditTopicArn, Topic),
            (SettingNames.DefaultDurationSeconds, "3600"), (SettingNames.MaximumDurationSeconds, "1800")));

        Assert.Contains(SettingNames.DefaultDurationSeconds, error.Message);
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL", "https://sts-confirms-anything.example.com")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB", "http://10.0.0.5:8000")]
    [InlineData("AWS_ENDPOINT_URL_KMS", "http://0.0.0.0:4566")]
    [InlineData("AWS_ENDPOINT_URL_STS", "http://localhost.example.com:4566")]
    [InlineData("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1@evil.example.com/")]
    [InlineData("AWS_ENDPOINT_URL_SNS", "not a url")]
    public void EndpointOverrideToANonLoopbackHostIsAnInitError(string name, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(
            (SettingNames.TableName, "auth"), (SettingNames.AuditTopicArn, Topic), (SettingNames.RuntimeApi, "127.0.0.1:9001"), (name, value)));

        Assert.StartsWith(name + " must name a loopback host", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000")]
    [InlineData("http://127.9.8.7:8000/")]
    [InlineData("http://localhost:4566")]
    [InlineData("https://LOCALHOST:4566")]
    [InlineData("http://[::1]:8000")]
    public void LoopbackEndpointOverridesAreAcceptedInLambda(string value)
    {
        var settings = Read((SettingNames.TableName, "auth"), (SettingNames.AuditTopicArn, Topic), (SettingNames.RuntimeApi, "127.0.0.1:9001"),
            ("AWS_ENDPOINT_URL", value), ("AWS_ENDPOINT_URL_DYNAMODB", value), ("AWS_ENDPOINT_URL_KMS", value),
            ("AWS_ENDPOINT_URL_STS", value), ("AWS_ENDPOINT_URL_SNS", value));

        Assert.Equal("auth", settings.TableName);
    }

    [Fact]
    public void LocalModeAcceptsAnyEndpointOverride()
    {
        var settings = Read((SettingNames.TableName, "auth"), (SettingNames.AuditTopicArn, Topic),
            ("AWS_ENDPOINT_URL", "http://192.0.2.10:4566"), ("AWS_ENDPOINT_URL_STS", "https://sts.internal.example.com"));

        Assert.Equal("auth", settings.TableName);
    }
}
