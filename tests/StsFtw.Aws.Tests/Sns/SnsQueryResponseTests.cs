using StsFtw.Aws.Sns;

namespace StsFtw.Core.Tests.Aws;

public sealed class SnsQueryResponseTests
{
    [Fact]
    public void MessageIdIsReadFromAPublishAnswer()
    {
        const string Xml = """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>
              <ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata>
            </PublishResponse>
            """;

        Assert.Equal("94f20ce6-13c5-43a0-9a9e-ca52d816e90b", SnsQueryResponse.ReadMessageId(Xml));
    }

    [Fact]
    public void ElementsAreMatchedByLocalNameWithOrWithoutNamespace()
    {
        Assert.Equal("m-1", SnsQueryResponse.ReadMessageId("<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>"));
        Assert.Equal("m-2", SnsQueryResponse.ReadMessageId("<x:PublishResponse xmlns:x=\"urn:other\"><x:PublishResult><x:MessageId>m-2</x:MessageId></x:PublishResult></x:PublishResponse>"));
    }

    [Fact]
    public void ErrorCodeAndMessageAreReadFromAnErrorAnswer()
    {
        const string Xml = """
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error>
              <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>
            </ErrorResponse>
            """;

        Assert.Equal(("NotFound", "Topic does not exist"), SnsQueryResponse.ReadError(Xml));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("{\"__type\":\"Throttled\"}")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    public void AnythingElseReadsAsNothing(string body)
    {
        Assert.Null(SnsQueryResponse.ReadMessageId(body));
        Assert.Equal((null, null), SnsQueryResponse.ReadError(body));
    }

    [Fact]
    public void DocumentTypeDefinitionsAreRefused()
    {
        const string Xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY x "MessageId-from-entity">]>
            <PublishResponse><PublishResult><MessageId>&x;</MessageId></PublishResult></PublishResponse>
            """;

        Assert.Null(SnsQueryResponse.ReadMessageId(Xml));
    }
}
