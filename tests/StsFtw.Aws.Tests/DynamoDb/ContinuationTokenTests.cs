using Amazon.DynamoDBv2.Model;
using StsFtw.Aws.DynamoDb;
using StsFtw.Core.Accounts;

namespace StsFtw.Core.Tests.DynamoDb;

public sealed class ContinuationTokenTests
{
    [Theory]
    [InlineData("Example", "alice")]
    [InlineData("Ex.ample", "a.l/i+c=e")]
    [InlineData("Émetteur", "ünïcødé 👩‍💻")]
    public void TokenRoundTripsTheLastKey(string issuer, string account)
    {
        var key = new AccountKey(issuer, account);

        var token = ContinuationToken.Encode(key);

        Assert.Equal(key, ContinuationToken.Decode(token, "token"));
        Assert.DoesNotContain(account, token);
    }

    [Fact]
    public void LastPageHasNoToken()
    {
        Assert.Null(ContinuationToken.FromLastEvaluatedKey(null));
        Assert.Null(ContinuationToken.FromLastEvaluatedKey([]));
    }

    [Fact]
    public void TokenIsBuiltFromLastEvaluatedKey()
    {
        var token = ContinuationToken.FromLastEvaluatedKey(new Dictionary<string, AttributeValue>
        {
            [AuthTableAttributes.Issuer] = new() { S = "Example" },
            [AuthTableAttributes.AccountName] = new() { S = "alice" },
        });

        Assert.Equal(new AccountKey("Example", "alice"), ContinuationToken.Decode(token!, "token"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1.")]
    [InlineData("v2.RXhhbXBsZQ.YWxpY2U")]
    [InlineData("v1.RXhhbXBsZQ")]
    [InlineData("v1.RXhhbXBsZQ.YWxpY2U.eA")]
    [InlineData("v1.RXhhbXBsZQ==.YWxpY2U")]
    [InlineData("v1.RXhhbXBsZQ.")]
    [InlineData("v1.R.YWxpY2U")]
    [InlineData("v1._w.YWxpY2U")]
    public void MalformedTokenIsAnArgumentError(string token)
    {
        var error = Assert.Throws<ArgumentException>(() => ContinuationToken.Decode(token, "continuationToken"));

        Assert.Equal("continuationToken", error.ParamName);
    }

    [Fact]
    public void OverlongTokenIsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => ContinuationToken.Decode("v1." + new string('A', 5000) + ".AA", "token"));
    }
}
