using System.Text;
using System.Text.Json;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Http;
using StsFtw.Lambda.Tests.Support;

namespace StsFtw.Lambda.Tests.Endpoint;

public sealed class CredentialEndpointTests
{
    private readonly EndpointHarness _harness = new();

    [Fact]
    public async Task ValidCodeGetsCredentialsThatNoCacheKeeps()
    {
        var secret = _harness.Enroll("alice");

        var response = await _harness.AskAsync("alice", _harness.Broker.CodeNow(secret));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("no-store", response.Headers.First("Cache-Control"));
        Assert.StartsWith(MediaTypes.Json, response.Headers.First("Content-Type"));
        var body = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal("ASIATESTACCESSKEY", body.GetProperty(CredentialResponseFields.AccessKeyId).GetString());
        Assert.Equal("test-secret-access-key", body.GetProperty(CredentialResponseFields.SecretAccessKey).GetString());
        Assert.Equal("test-session-token", body.GetProperty(CredentialResponseFields.SessionToken).GetString());
        Assert.Equal("2030-01-01T01:00:00Z", body.GetProperty(CredentialResponseFields.Expiration).GetString());
        Assert.Equal("alice", body.GetProperty(CredentialResponseFields.AccountName).GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty(CredentialResponseFields.SecondaryAccountName).ValueKind);
    }

    [Fact]
    public async Task UnknownAccountAndWrongCodeGetTheSameAnswer()
    {
        var secret = _harness.Enroll("alice");

        var wrong = await _harness.AskAsync("alice", _harness.Broker.WrongCode(secret));
        var unknown = await _harness.AskAsync("mallory", "123456");

        Assert.Equal(401, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(wrong.Body, unknown.Body);
        Assert.Equal(wrong.Headers.Pairs, unknown.Headers.Pairs);
    }

    [Fact]
    public async Task RoleOutsideTheEntryIs403()
    {
        var secret = _harness.Enroll("alice");

        var response = await _harness.AskAsync("alice", _harness.Broker.CodeNow(secret), role: "Admin");

        AssertProblem(response, 403, ProblemTypes.RoleNotPermitted);
    }

    [Fact]
    public async Task LockedAccountIs429WithRetryAfter()
    {
        var secret = _harness.Enroll("alice");
        for (var i = 0; i < 6; i++) await _harness.AskAsync("alice", _harness.Broker.WrongCode(secret));

        var response = await _harness.AskAsync("alice", _harness.Broker.CodeNow(secret));

        AssertProblem(response, 429, ProblemTypes.AccountLocked);
        Assert.True(int.Parse(response.Headers.First("Retry-After")!) is > 0 and <= 900);
    }

    [Fact]
    public async Task InvalidFieldIs400ListingEachProblem()
    {
        var response = await _harness.AskAsync("alice", "12345");

        var body = AssertProblem(response, 400, ProblemTypes.InvalidRequest);
        Assert.NotEmpty(body.GetProperty(ProblemFields.Problems).EnumerateArray());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task OnlyPostIsServed(string method)
    {
        var response = await _harness.SendAsync(EndpointHarness.Post("{}") with { Method = method });

        AssertProblem(response, 405, ProblemTypes.MethodNotAllowed);
        Assert.Equal("POST", response.Headers.First("Allow"));
        Assert.Empty(_harness.Broker.Store.Calls);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("")]
    public async Task NonJsonIs415WithoutTouchingTheTable(string contentType)
    {
        var response = await _harness.SendAsync(EndpointHarness.Post(EndpointHarness.Body("alice", "123456"), contentType));

        AssertProblem(response, 415, ProblemTypes.UnsupportedMediaType);
        Assert.Empty(_harness.Broker.Store.Calls);
    }

    [Fact]
    public async Task OversizedBodyIs413WithoutTouchingTheTable()
    {
        var body = "{\"Issuer\":\"" + new string('a', BodyRules.MaximumBodyBytes) + "\"}";

        var response = await _harness.SendAsync(EndpointHarness.Post(body));

        AssertProblem(response, 413, ProblemTypes.PayloadTooLarge);
        Assert.Empty(_harness.Broker.Store.Calls);
    }

    [Fact]
    public async Task MalformedBase64Is400()
    {
        var request = EndpointHarness.Post("") with { Body = ReadOnlyMemory<byte>.Empty, BodyIsMalformedBase64 = true };

        var response = await _harness.SendAsync(request);

        AssertProblem(response, 400, ProblemTypes.InvalidRequest);
    }

    [Fact]
    public async Task StsFailureIs502AndNoCredentials()
    {
        var secret = _harness.Enroll("alice");
        _harness.Broker.Minter.Fail = true;

        var response = await _harness.AskAsync("alice", _harness.Broker.CodeNow(secret));

        AssertProblem(response, 502, ProblemTypes.CredentialsUnavailable);
        Assert.DoesNotContain("ASIA", response.Body);
    }

    [Fact]
    public async Task AuditFailureIs503AndNoCredentials()
    {
        var secret = _harness.Enroll("alice");
        _harness.Broker.Audit.Fail = true;

        var response = await _harness.AskAsync("alice", _harness.Broker.CodeNow(secret));

        AssertProblem(response, 503, ProblemTypes.ServiceUnavailable);
        Assert.DoesNotContain("ASIA", response.Body);
    }

    [Fact]
    public async Task ExpiredDeadlineIs503AndNoCredentials()
    {
        var secret = _harness.Enroll("alice");
        using var expired = new CancellationTokenSource();
        await expired.CancelAsync();

        var response = await _harness.SendAsync(EndpointHarness.Post(EndpointHarness.Body("alice", _harness.Broker.CodeNow(secret))), expired.Token);

        AssertProblem(response, 503, ProblemTypes.ServiceUnavailable);
        Assert.Empty(_harness.Broker.Minter.Requests);
        Assert.Equal("deadline", _harness.LastLogLine().GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task EachRequestWritesOneLogLineNamingEveryAwsCall()
    {
        var secret = _harness.Enroll("alice");

        await _harness.AskAsync("alice", _harness.Broker.CodeNow(secret));

        var line = Assert.Single(_harness.LogLines);
        var entry = JsonDocument.Parse(line).RootElement;
        Assert.Equal("req-test", entry.GetProperty("requestId").GetString());
        Assert.Equal("issued", entry.GetProperty("outcome").GetString());
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
        Assert.Equal("alice", entry.GetProperty("account").GetString());
        Assert.Equal("Developer", entry.GetProperty("role").GetString());
        var calls = entry.GetProperty("awsCalls").EnumerateArray().Select(c => c.GetProperty("call").GetString()).ToArray();
        Assert.Equal(
            new[] { "dynamodb.GetEntries", "kms.Decrypt", "dynamodb.AcceptTimeStep", "sns.Publish", "sts.AssumeRole" }.Order(),
            calls.Order());
        Assert.True(entry.GetProperty("totalMs").GetDouble() >= 0);
    }

    [Fact]
    public async Task LogNeverHoldsACodeASecretOrACredential()
    {
        var alice = _harness.Enroll("alice", secondaries: new[] { "bob" });
        var bob = _harness.Enroll("bob");
        var codes = new[] { _harness.Broker.CodeNow(alice), _harness.Broker.CodeNow(bob), _harness.Broker.WrongCode(alice) };

        await _harness.AskAsync("alice", codes[0], secondary: "bob", secondaryCode: codes[1]);
        await _harness.AskAsync("alice", codes[2], secondary: "bob", secondaryCode: codes[1]);
        await _harness.AskAsync("alice", codes[0]);
        // A code typed into the wrong field is not a valid account name, so it is not logged either.
        await _harness.AskAsync(codes[0] + " ", codes[1]);

        var log = string.Join('\n', _harness.LogLines);
        Assert.Equal(4, _harness.LogLines.Count);
        foreach (var code in codes) Assert.DoesNotContain(code, log);
        Assert.DoesNotContain(alice.ToBase32(), log);
        Assert.DoesNotContain(bob.ToBase32(), log);
        Assert.DoesNotContain("test-secret-access-key", log);
        Assert.DoesNotContain("test-session-token", log);
        Assert.DoesNotContain("otpauth", log);
    }

    private static JsonElement AssertProblem(HttpResponseData response, int status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith(MediaTypes.ProblemJson, response.Headers.First("Content-Type"));
        Assert.Equal("no-store", response.Headers.First("Cache-Control"));
        var body = JsonDocument.Parse(Encoding.UTF8.GetBytes(response.Body)).RootElement.Clone();
        Assert.Equal(type, body.GetProperty(ProblemFields.Type).GetString());
        Assert.Equal(status, body.GetProperty(ProblemFields.Status).GetInt32());
        Assert.Equal("urn:stsftw:request:req-test", body.GetProperty(ProblemFields.Instance).GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty(ProblemFields.Detail).GetString()));
        return body;
    }
}
