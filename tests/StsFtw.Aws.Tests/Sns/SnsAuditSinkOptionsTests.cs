using StsFtw.Aws.Sns;

namespace StsFtw.Core.Tests.Aws;

public sealed class SnsAuditSinkOptionsTests
{
    [Fact]
    public void RegionAndEndpointComeFromTheTopicArn()
    {
        var options = new SnsAuditSinkOptions("arn:aws:sns:eu-central-1:123456789012:audit");

        Assert.Equal("eu-central-1", options.SigningRegion);
        Assert.Equal(new Uri("https://sns.eu-central-1.amazonaws.com/"), options.Endpoint);
    }

    [Fact]
    public void ChinaRegionsUseTheChinaDomain()
    {
        Assert.Equal(new Uri("https://sns.cn-north-1.amazonaws.com.cn/"), new SnsAuditSinkOptions("arn:aws-cn:sns:cn-north-1:123456789012:audit").Endpoint);
    }

    [Fact]
    public void ServiceUrlOverridesTheRegionalEndpoint()
    {
        var options = new SnsAuditSinkOptions("arn:aws:sns:eu-central-1:123456789012:audit") { ServiceUrl = new Uri("http://127.0.0.1:4566/") };

        Assert.Equal(new Uri("http://127.0.0.1:4566/"), options.Endpoint);
        Assert.Equal("eu-central-1", options.SigningRegion);
    }

    [Theory]
    [InlineData("")]
    [InlineData("audit")]
    [InlineData("arn:aws:sqs:eu-central-1:123456789012:audit")]
    [InlineData("arn:aws:sns::123456789012:audit")]
    [InlineData("arn:aws:sns:eu-central-1:123456789012")]
    public void AnythingButATopicArnIsRejected(string topicArn)
    {
        Assert.Throws<ArgumentException>(() => new SnsAuditSinkOptions(topicArn));
    }

    [Fact]
    public void ServiceSpecificEndpointVariableWinsOverTheGlobalOne()
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_SNS"] = "http://127.0.0.1:1111",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:2222",
        };

        Assert.Equal(new Uri("http://127.0.0.1:1111"), SnsEndpoint.FromEnvironment(name => variables.GetValueOrDefault(name)));
    }

    [Fact]
    public void GlobalEndpointVariableIsUsedAlone()
    {
        Assert.Equal(new Uri("http://localhost:4566"), SnsEndpoint.FromEnvironment(name => name == "AWS_ENDPOINT_URL" ? "http://localhost:4566" : null));
    }

    [Fact]
    public void NoOrUnusableEndpointVariableMeansTheRegionalEndpoint()
    {
        Assert.Null(SnsEndpoint.FromEnvironment(_ => null));
        Assert.Null(SnsEndpoint.FromEnvironment(_ => "not a url"));
        Assert.Null(SnsEndpoint.FromEnvironment(_ => "ftp://example.com/"));
    }
}
