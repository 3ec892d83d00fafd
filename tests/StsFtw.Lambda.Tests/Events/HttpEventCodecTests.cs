using System.Text;
using System.Text.Json;
using StsFtw.Lambda.Events;
using StsFtw.Lambda.Http;
using StsFtw.Testing.Lambda;

namespace StsFtw.Lambda.Tests.Events;

public sealed class HttpEventCodecTests
{
    private const string Body = """{"Issuer":"Example","AccountName":"alice","TOTPCode":"123456","Role":"Developer"}""";

    private static DecodedEvent Decode(string json) => HttpEventCodec.Decode(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void AlbEventIsRecognisedWithItsBodyHeadersAndClient()
    {
        var decoded = Decode(LambdaEvents.Alb(Body, sourceIp: "198.51.100.7"));

        Assert.Equal(EventShape.Alb, decoded.Shape);
        Assert.Equal("POST", decoded.Request.Method);
        Assert.Equal("application/json", decoded.Request.Headers.First("Content-Type"));
        Assert.Equal(Body, Encoding.UTF8.GetString(decoded.Request.Body.Span));
        Assert.Equal("198.51.100.7", decoded.Request.SourceAddress);
    }

    [Fact]
    public void MultiValueAlbEventIsAnsweredWithMultiValueHeaders()
    {
        var decoded = Decode(LambdaEvents.Alb(Body, multiValue: true));
        var response = new HttpResponseData(200, new HttpHeaderCollection().Add("Content-Type", "application/json").Add("Vary", "a").Add("Vary", "b"), "{}");

        var encoded = JsonDocument.Parse(HttpEventCodec.Encode(response, decoded.Shape)).RootElement;

        Assert.Equal(EventShape.AlbMultiValue, decoded.Shape);
        Assert.Equal("application/json", decoded.Request.Headers.First("content-type"));
        Assert.False(encoded.TryGetProperty("headers", out _));
        Assert.Equal(new[] { "a", "b" }, encoded.GetProperty("multiValueHeaders").GetProperty("Vary").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("200 OK", encoded.GetProperty("statusDescription").GetString());
    }

    [Fact]
    public void SingleValueAlbResponseCarriesStatusDescription()
    {
        var response = new HttpResponseData(401, new HttpHeaderCollection().Add("Content-Type", "application/problem+json"), "{}");

        var encoded = JsonDocument.Parse(HttpEventCodec.Encode(response, EventShape.Alb)).RootElement;

        Assert.Equal(401, encoded.GetProperty("statusCode").GetInt32());
        Assert.Equal("401 Unauthorized", encoded.GetProperty("statusDescription").GetString());
        Assert.Equal("application/problem+json", encoded.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.False(encoded.GetProperty("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public void Base64BodyIsDecoded()
    {
        var decoded = Decode(LambdaEvents.Alb(Body, contentType: "application/octet-stream", base64: true));

        Assert.Equal(Body, Encoding.UTF8.GetString(decoded.Request.Body.Span));
        Assert.False(decoded.Request.BodyIsMalformedBase64);
    }

    [Fact]
    public void MalformedBase64IsFlaggedNotThrown()
    {
        var json = LambdaEvents.Alb(Body).Replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true", StringComparison.Ordinal);

        var decoded = Decode(json);

        Assert.True(decoded.Request.BodyIsMalformedBase64);
        Assert.True(decoded.Request.Body.IsEmpty);
    }

    [Fact]
    public void ForwardedForTakesTheAddressTheAlbAppended()
    {
        var json = LambdaEvents.Alb(Body, sourceIp: "10.0.0.1, 192.0.2.50");

        Assert.Equal("192.0.2.50", Decode(json).Request.SourceAddress);
    }

    [Theory]
    [InlineData("203.0.113.66, 192.0.2.50", "192.0.2.50")]
    [InlineData("192.0.2.50", "192.0.2.50")]
    [InlineData("192.0.2.50:54321", "192.0.2.50")]
    [InlineData("10.0.0.1, 2001:db8::7", "2001:db8::7")]
    [InlineData("[2001:db8::7]:443", "2001:db8::7")]
    [InlineData("192.0.2.50, not-an-address", null)]
    [InlineData("192.0.2.50, 1", null)]
    [InlineData("192.0.2.50, ", null)]
    [InlineData("192.0.2.50, 654321", null)]
    public void OnlyTheLastForwardedForElementIsTrusted(string header, string? expected)
    {
        var headers = new HttpHeaderCollection().Add("x-forwarded-for", header);

        Assert.Equal(expected, HttpEventCodec.ClientFromForwardedFor(headers));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DuplicateForwardedForHeadersGiveNoAddressRatherThanAClientChosenOne(bool multiValue)
    {
        // Which of two headers the ALB appended to is not documented, so neither last element can be trusted.
        var json = AlbEventWithTwoForwardedForHeaders(multiValue, "198.51.100.99", "10.0.0.1, 192.0.2.50");

        Assert.Null(Decode(json).Request.SourceAddress);
        Assert.Null(Decode(AlbEventWithTwoForwardedForHeaders(multiValue, "10.0.0.1, 192.0.2.50", "198.51.100.99")).Request.SourceAddress);
    }

    [Fact]
    public void ForwardedForElementsTheClientWroteAreNeverTheSource()
    {
        var json = LambdaEvents.Alb(Body, sourceIp: "198.51.100.99, 10.0.0.1, 192.0.2.50", multiValue: true);

        Assert.Equal("192.0.2.50", Decode(json).Request.SourceAddress);
    }

    [Fact]
    public void FunctionUrlEventIsRecognisedAndAnsweredWithoutStatusDescription()
    {
        var decoded = Decode(LambdaEvents.FunctionUrl(Body, sourceIp: "203.0.113.9"));
        var response = new HttpResponseData(200, new HttpHeaderCollection().Add("Content-Type", "application/json"), "{}");

        var encoded = JsonDocument.Parse(HttpEventCodec.Encode(response, decoded.Shape)).RootElement;

        Assert.Equal(EventShape.FunctionUrl, decoded.Shape);
        Assert.Equal("function-url", decoded.Channel);
        Assert.Equal("POST", decoded.Request.Method);
        Assert.Equal("203.0.113.9", decoded.Request.SourceAddress);
        Assert.Equal(Body, Encoding.UTF8.GetString(decoded.Request.Body.Span));
        Assert.False(encoded.TryGetProperty("statusDescription", out _));
        Assert.Equal("{}", encoded.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("""{"requestContext":{}}""")]
    [InlineData("""{"version":"1.0","requestContext":{"http":{}}}""")]
    [InlineData("""{"Records":[{"eventSource":"aws:sqs"}]}""")]
    public void OtherPayloadsAreUnsupported(string json) =>
        Assert.Throws<UnsupportedEventException>(() => Decode(json));

    // An ALB event carrying X-Forwarded-For twice: two array entries (multi-value) or the key twice (single-value).
    private static string AlbEventWithTwoForwardedForHeaders(bool multiValue, string first, string second)
    {
        var headers = multiValue
            ? $$"""
              "multiValueHeaders":{"content-type":["application/json"],"x-forwarded-for":["{{first}}","{{second}}"]}
              """
            : $$"""
              "headers":{"content-type":"application/json","x-forwarded-for":"{{first}}","x-forwarded-for":"{{second}}"}
              """;
        return $$$"""
            {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/stsftw/0123456789abcdef"}},
             "httpMethod":"POST","path":"/",{{{headers}}},"body":{{{JsonSerializer.Serialize(Body)}}},"isBase64Encoded":false}
            """;
    }
}
