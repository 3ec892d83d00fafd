using Amazon.Runtime;
using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Kms;
using StsFtw.Aws.Sts;

namespace StsFtw.Core.Tests.Aws;

/// <summary>Every AWS client StsFtw builds gets the retry and timeout budget SECURITY.md plans the deadline on.</summary>
public sealed class AwsClientConfigurationTests
{
    private static readonly BasicAWSCredentials Credentials = new("test", "test");

    public static TheoryData<string> Services => new() { "dynamodb", "kms", "sts" };

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryAttemptCountsAgainstTheRetryLimit(string service)
    {
        var config = ConfigOf(service, maxErrorRetry: 2);

        Assert.Equal(2, config.MaxErrorRetry);
        Assert.Equal(0, config.MaxStaleConnectionRetries);
        Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void EachAttemptHasTheDefaultTimeoutUnlessOneIsGiven(string service)
    {
        Assert.Equal(TimeSpan.FromSeconds(5), ConfigOf(service).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), ConfigOf(service).ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(750), ConfigOf(service, TimeSpan.FromMilliseconds(750)).Timeout);
    }

    [Fact]
    public void NegativeRetriesAreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfigOf("dynamodb", maxErrorRetry: -1));

    [Theory]
    [InlineData("ftp://127.0.0.1:8000")]
    [InlineData("127.0.0.1:8000")]
    public void ServiceUrlMustBeAnAbsoluteHttpUrl(string serviceUrl) =>
        Assert.Throws<ArgumentException>(() => AuthTableClientFactory.Create(serviceUrl, credentials: Credentials));

    private static IClientConfig ConfigOf(string service, TimeSpan? timeout = null, int maxErrorRetry = 2)
    {
        const string Local = "http://127.0.0.1:8000";
        IAmazonService client = service switch
        {
            "dynamodb" => AuthTableClientFactory.Create(Local, credentials: Credentials, timeout: timeout, maxErrorRetry: maxErrorRetry),
            "kms" => KmsClientFactory.Create(Local, credentials: Credentials, timeout: timeout, maxErrorRetry: maxErrorRetry),
            "sts" => StsClientFactory.Create(Local, credentials: Credentials, timeout: timeout, maxErrorRetry: maxErrorRetry),
            _ => throw new ArgumentOutOfRangeException(nameof(service)),
        };
        using (client as IDisposable)
        {
            return client.Config;
        }
    }
}
