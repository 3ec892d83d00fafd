using System.Diagnostics;
using Amazon.Runtime;
using StsFtw.Aws.Sns;
using StsFtw.Core.Accounts;
using StsFtw.Core.Audit;
using StsFtw.Core.Broker;
using StsFtw.Core.Dependencies;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Aws.Tests.Sns;

/// <summary>The hand-written SNS Query client against the stand-in, which checks every SigV4 signature.</summary>
public sealed class SnsAuditSinkTests : IDisposable
{
    private const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:stsftw-audit";

    private static readonly CredentialsMinted Minted = new(
        new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
        new AccountKey("Example Corp", "alice@example.com"),
        new RequestContext("req-1", "198.51.100.7"),
        "deploy",
        "bob@example.com",
        3600);

    private readonly SnsStandIn _sns = new() { SecretAccessKey = StandInCredentials.SecretAccessKey };
    private readonly HttpClient _http = SnsHttpClientFactory.Create(TimeSpan.FromSeconds(20));

    public void Dispose()
    {
        _http.Dispose();
        _sns.Dispose();
    }

    [Fact]
    public async Task PublishSendsTopicSubjectMessageAndEventTypeAttribute()
    {
        await Sink().PublishAsync(Minted, CancellationToken.None);

        var call = Assert.Single(_sns.CallsTo(SnsStandIn.Publish));
        Assert.Equal("2010-03-31", call["Version"]);
        Assert.Equal(TopicArn, call["TopicArn"]);
        Assert.Equal("StsFtw: credentials minted for alice@example.com (deploy)", call["Subject"]);
        var lines = call["Message"]!.Split('\n');
        Assert.Equal("StsFtw has minted new STS credentials:", lines[0]);
        Assert.Contains("Issuer: Example Corp", lines);
        Assert.Contains("Account Name: alice@example.com", lines);
        Assert.Contains("AWS Role: deploy", lines);
        Assert.Contains("Secondary Authorizer: bob@example.com", lines);
        Assert.Equal(SnsAuditSink.EventTypeAttribute, call["MessageAttributes.entry.1.Name"]);
        Assert.Equal("String", call["MessageAttributes.entry.1.Value.DataType"]);
        Assert.Equal("CredentialsMinted", call["MessageAttributes.entry.1.Value.StringValue"]);
    }

    [Fact]
    public async Task PublishIsSignedWithSigV4ForSns()
    {
        await Sink().PublishAsync(Minted, CancellationToken.None);

        // The stand-in recomputed the signature with the secret key; here we check what the header claims.
        var call = Assert.Single(_sns.Calls);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={StandInCredentials.AccessKeyId}/", call.Headers["Authorization"]);
        Assert.Contains("/eu-west-1/sns/aws4_request", call.Headers["Authorization"]);
        Assert.Contains("content-type", call.Headers["Authorization"]);
        Assert.Matches(@"^\d{8}T\d{6}Z$", call.Headers["X-Amz-Date"]);
        Assert.StartsWith("application/x-www-form-urlencoded", call.Headers["Content-Type"]);
    }

    [Fact]
    public async Task SessionCredentialsSendTheirTokenUnderTheSignature()
    {
        var credentials = new SessionAWSCredentials(StandInCredentials.AccessKeyId, StandInCredentials.SecretAccessKey, "session-token-example");

        await Sink(credentials: credentials).PublishAsync(Minted, CancellationToken.None);

        var call = Assert.Single(_sns.Calls);
        Assert.Equal("session-token-example", call.Headers["X-Amz-Security-Token"]);
        Assert.Contains("x-amz-security-token", call.Headers["Authorization"]);
    }

    [Fact]
    public async Task PublishReturnsTheMessageId()
    {
        var messageId = await Sink().PublishAsync(AuditMessageFormatter.Format(Minted), CancellationToken.None);

        Assert.True(Guid.TryParse(messageId, out _));
    }

    [Fact]
    public async Task WrongSecretIsRefusedAndNotRetried()
    {
        var wrong = new BasicAWSCredentials(StandInCredentials.AccessKeyId, "not-the-secret");

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => Sink(credentials: wrong).PublishAsync(Minted, CancellationToken.None));

        Assert.Equal(Dependency.AuditTopic, failure.Dependency);
        Assert.Contains("SignatureDoesNotMatch", failure.Message);
        Assert.DoesNotContain("not-the-secret", failure.ToString());
        Assert.Single(_sns.Calls);
    }

    [Theory]
    [InlineData(404, "NotFound")]
    [InlineData(403, "AuthorizationError")]
    [InlineData(400, "InvalidParameter")]
    [InlineData(400, "KMSAccessDenied")]
    public async Task SnsErrorBecomesAuditTopicFailureWithItsCodeAndIsNotRetried(int status, string code)
    {
        _sns.Fail(SnsStandIn.Publish, status, code, "Topic refused by the stand-in");

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => Sink().PublishAsync(Minted, CancellationToken.None));

        Assert.Equal(Dependency.AuditTopic, failure.Dependency);
        Assert.Contains(code, failure.Message);
        Assert.Contains(TopicArn, failure.Message);
        Assert.DoesNotContain(StandInCredentials.SecretAccessKey, failure.ToString());
        Assert.Single(_sns.Calls);
    }

    [Fact]
    public async Task ThrottledTwiceThenAcceptedSucceedsWithThreeCalls()
    {
        _sns.Throttle(SnsStandIn.Publish, times: 2);

        await Sink().PublishAsync(Minted, CancellationToken.None);

        Assert.Equal(3, _sns.CallsTo(SnsStandIn.Publish).Count);
    }

    [Fact]
    public async Task ThrottledPastTheRetriesFailsAfterThreeCalls()
    {
        _sns.Throttle(SnsStandIn.Publish);

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => Sink().PublishAsync(Minted, CancellationToken.None));

        Assert.Contains("Throttled", failure.Message);
        Assert.Equal(3, _sns.CallsTo(SnsStandIn.Publish).Count);
    }

    [Fact]
    public async Task RefusalAnnouncementsAreNeverRetried()
    {
        _sns.Throttle(SnsStandIn.Publish);
        var refused = new RequestRefused(DateTimeOffset.UtcNow, new Core.Accounts.AccountKey("Example", "alice"), new Core.Broker.RequestContext("req-1", null), null, null, "x");

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => Sink().PublishAsync(refused, AuditDelivery.OneAttempt, CancellationToken.None));

        Assert.Contains("Throttled", failure.Message);
        Assert.Single(_sns.CallsTo(SnsStandIn.Publish));
    }

    [Fact]
    public async Task ServerErrorIsRetried()
    {
        _sns.Fail(SnsStandIn.Publish, 500, "InternalError", times: 1);

        await Sink().PublishAsync(Minted, CancellationToken.None);

        Assert.Equal(2, _sns.CallsTo(SnsStandIn.Publish).Count);
    }

    [Fact]
    public async Task StalledSnsFailsWithinBoundedTime()
    {
        _sns.Stall(SnsStandIn.Publish, TimeSpan.FromSeconds(30));
        // Attempts are counted as the sink sends them: on a busy machine a 300 ms attempt can time out before the
        // stand-in has read the request, so the server's own count may be lower without the sink doing anything wrong.
        var sent = new CountingHandler(new SocketsHttpHandler());
        using var http = new HttpClient(sent);
        var sink = new SnsAuditSink(http, Options(TimeSpan.FromMilliseconds(300)));
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => sink.PublishAsync(Minted, CancellationToken.None));

        Assert.Equal(Dependency.AuditTopic, failure.Dependency);
        Assert.Contains("timed out", failure.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(3, sent.Requests);
        Assert.InRange(_sns.CallsTo(SnsStandIn.Publish).Count, 1, 3);
    }

    [Fact]
    public async Task UnreachableSnsBecomesAuditTopicFailure()
    {
        var closed = _sns.BaseUri;
        _sns.Dispose();

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => Sink(serviceUrl: closed).PublishAsync(Minted, CancellationToken.None));

        Assert.Equal(Dependency.AuditTopic, failure.Dependency);
    }

    [Fact]
    public async Task NonSnsSuccessAnswerIsAFailure()
    {
        _sns.Fail(SnsStandIn.Publish, 200, "NotAnError");

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => Sink().PublishAsync(Minted, CancellationToken.None));

        Assert.Contains("MessageId", failure.Message);
    }

    [Fact]
    public async Task CallerCancellationPropagatesAsCancellation()
    {
        _sns.Stall(SnsStandIn.Publish, TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Sink(attemptTimeout: TimeSpan.FromSeconds(10)).PublishAsync(Minted, cancellation.Token));
    }

    private SnsAuditSink Sink(AWSCredentials? credentials = null, TimeSpan? attemptTimeout = null, Uri? serviceUrl = null) =>
        new(_http, Options(attemptTimeout, credentials, serviceUrl));

    private SnsAuditSinkOptions Options(TimeSpan? attemptTimeout = null, AWSCredentials? credentials = null, Uri? serviceUrl = null) =>
        new(TopicArn)
        {
            ServiceUrl = serviceUrl ?? _sns.BaseUri,
            Credentials = credentials ?? StandInCredentials.Basic,
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5),
            BaseRetryDelay = TimeSpan.FromMilliseconds(50),
        };

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
