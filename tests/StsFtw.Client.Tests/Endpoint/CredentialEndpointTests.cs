using StsFtw.Client.Endpoint;

namespace StsFtw.Client.Tests.Endpoint;

public sealed class CredentialEndpointTests
{
    [Theory]
    [InlineData("https://sts.example.com/")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://127.10.0.1/")]
    [InlineData("http://[::1]:9000/")]
    [InlineData("http://localhost:5000/credentials")]
    public void HttpsOrLoopbackHttpIsAccepted(string url) => Assert.True(CredentialEndpoint.TryCreate(url, out _, out _));

    [Theory]
    [InlineData("http://sts.example.com/")]
    [InlineData("http://10.0.0.5/")]
    [InlineData("http://127.0.0.1.example.com/")]
    public void PlainHttpToANonLoopbackHostIsRefusedWithTheReason(string url)
    {
        Assert.False(CredentialEndpoint.TryCreate(url, out _, out var reason));
        Assert.Contains("unencrypted", reason);
        Assert.Contains("loopback", reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://sts.example.com/")]
    [InlineData("sts.example.com")]
    [InlineData("https://user:password@sts.example.com/")]
    public void MalformedOrCredentialBearingUrlsAreRefused(string url)
    {
        Assert.False(CredentialEndpoint.TryCreate(url, out _, out var reason));
        Assert.DoesNotContain("user:password", reason);
    }
}
