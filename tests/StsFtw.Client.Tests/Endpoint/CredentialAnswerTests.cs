using System.Net;
using System.Text;
using System.Text.Json;
using StsFtw.Client.Endpoint;
using StsFtw.Client.Tests.Support;
using StsFtw.Core.Wire;

namespace StsFtw.Client.Tests.Endpoint;

/// <summary>SECURITY.md rule A1: a 200 answer whose fields are not what AWS issues is refused, without echoing them.</summary>
public sealed class CredentialAnswerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string Token = "FwoGZXIvYXdzEExampleSessionToken/abc+def==";

    private static Dictionary<string, object?> Answer() => new()
    {
        [CredentialResponseFields.AccessKeyId] = "ASIAIOSFODNN7EXAMPLE",
        [CredentialResponseFields.SecretAccessKey] = Secret,
        [CredentialResponseFields.SessionToken] = Token,
        [CredentialResponseFields.Expiration] = "2026-11-30T11:00:00Z",
        [CredentialResponseFields.RoleArn] = "arn:aws:iam::123456789012:role/stsftw/Developer",
        [CredentialResponseFields.AssumedRoleArn] = "arn:aws:sts::123456789012:assumed-role/Developer/Example.alice",
        [CredentialResponseFields.Issuer] = "Example",
        [CredentialResponseFields.AccountName] = "alice",
    };

    private static async Task<CredentialResult> PostAsync(Dictionary<string, object?> answer, int? durationSeconds = null)
    {
        using var client = new CredentialEndpointClient(CacheSamples.SampleEndpoint, null, new Answering(JsonSerializer.Serialize(answer)), new FixedClock(Now));
        var input = new CredentialRequestInput("Example", "alice", "Developer", "123456") { DurationSeconds = durationSeconds };
        return await client.PostCredentialRequestAsync(input, CancellationToken.None);
    }

    private static async Task AssertRefusedAsync(Dictionary<string, object?> answer, string field, int? durationSeconds = null)
    {
        var result = await PostAsync(answer, durationSeconds);
        Assert.False(result.Succeeded);
        Assert.Equal(CredentialFailureKind.UnexpectedResponse, result.Failure!.Kind);
        Assert.Contains(field, result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("not what AWS issues", result.Failure.Message, StringComparison.Ordinal);
        foreach (var value in answer.Values.OfType<string>().Where(v => v.Length > 8))
        {
            Assert.DoesNotContain(value, result.Failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnAnswerAsAwsIssuesItIsAccepted()
    {
        var result = await PostAsync(Answer());
        Assert.True(result.Succeeded);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 0, 0, TimeSpan.Zero), result.Credentials!.Expiration);
    }

    [Fact]
    public async Task AnStsftwAnswerWithoutExpirationOrDescriptionIsAccepted()
    {
        var answer = Answer();
        foreach (var field in new[] { CredentialResponseFields.Expiration, CredentialResponseFields.RoleArn, CredentialResponseFields.AssumedRoleArn, CredentialResponseFields.Issuer, CredentialResponseFields.AccountName })
        {
            answer.Remove(field);
        }
        Assert.True((await PostAsync(answer)).Succeeded);
    }

    // The weakness of issue 14 finding 5: a secret key ending a PowerShell single-quoted string with U+2019.
    [Theory]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPx\u2019; Invoke-Evil; \u2019")]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCY'; touch x")]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE\u001b")]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYX")]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE=")]
    public async Task HostileSecretAccessKeyFromTheEndpointIsRefused(string secret)
    {
        var answer = Answer();
        answer[CredentialResponseFields.SecretAccessKey] = secret;
        await AssertRefusedAsync(answer, "SecretAccessKey");
    }

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("ASIAiosfodnn7example")]
    [InlineData("ASIAIOSFODNN7EXAMPL")]
    [InlineData("ASIAIOSFODNN7EXAMPLE'")]
    public async Task AccessKeyIdThatIsNotATemporaryKeyIsRefused(string accessKeyId)
    {
        var answer = Answer();
        answer[CredentialResponseFields.AccessKeyId] = accessKeyId;
        await AssertRefusedAsync(answer, "AccessKeyId");
    }

    [Theory]
    [InlineData("FwoGZXIvYXdzE\u2018x")]
    [InlineData("FwoGZXIvYXdzE$(id)")]
    [InlineData("FwoGZXIvYXdzE\nexport X=1")]
    public async Task HostileSessionTokenIsRefused(string token)
    {
        var answer = Answer();
        answer[CredentialResponseFields.SessionToken] = token;
        await AssertRefusedAsync(answer, "SessionToken");
    }

    [Fact]
    public async Task SessionTokenLongerThanTheBoundIsRefused()
    {
        var answer = Answer();
        answer[CredentialResponseFields.SessionToken] = new string('A', CredentialAnswerRules.MaximumSessionTokenLength + 1);
        await AssertRefusedAsync(answer, "SessionToken");
        answer[CredentialResponseFields.SessionToken] = new string('A', CredentialAnswerRules.MaximumSessionTokenLength);
        Assert.True((await PostAsync(answer)).Succeeded);
    }

    [Theory]
    [InlineData("2026-11-30T09:59:59Z")]
    [InlineData("2026-11-30T12:00:00+01:00")]
    [InlineData("30/11/2026 11:00:00")]
    [InlineData("2026-11-30T10:30:00")]
    [InlineData("2026-11-30T11:00:00Z\u001b[2J")]
    public async Task ExpirationThatIsNotAFutureIsoUtcTimeIsRefused(string expiration)
    {
        var answer = Answer();
        answer[CredentialResponseFields.Expiration] = expiration;
        await AssertRefusedAsync(answer, "Expiration");
    }

    [Fact]
    public async Task ExpirationBeyondTheSessionAskedForIsRefused()
    {
        var answer = Answer();
        // 900 s asked for, plus 15 minutes of clock skew: 10:30 at the latest.
        answer[CredentialResponseFields.Expiration] = "2026-11-30T10:30:01Z";
        await AssertRefusedAsync(answer, "Expiration", durationSeconds: 900);
        answer[CredentialResponseFields.Expiration] = "2026-11-30T10:30:00Z";
        Assert.True((await PostAsync(answer, durationSeconds: 900)).Succeeded);
        // Nothing asked for: the backend's hour at most, plus the skew.
        answer[CredentialResponseFields.Expiration] = "2026-11-30T11:15:01Z";
        await AssertRefusedAsync(answer, "Expiration");
        answer[CredentialResponseFields.Expiration] = "2030-01-02T03:04:05Z";
        await AssertRefusedAsync(answer, "Expiration");
    }

    [Theory]
    [InlineData("RoleArn", "arn:aws:iam::123456789012:role/x\u001b]0;pwned\u0007")]
    [InlineData("RoleArn", "not an arn")]
    [InlineData("AssumedRoleArn", "arn:aws:sts::123456789012:assumed-role/\u202eevil")]
    [InlineData("Issuer", "Example\u001b[31m")]
    [InlineData("AccountName", "alice\u200b")]
    [InlineData("SecondaryAccountName", "bob\r\nX")]
    public async Task ControlCharacterInAnyShownAnswerFieldIsRefused(string field, string value)
    {
        var answer = Answer();
        answer[field] = value;
        await AssertRefusedAsync(answer, field);
    }

    private sealed class Answering(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, MediaTypes.Json) });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
