using StsFtw.Client.Enrollment;
using StsFtw.Client.Tests.Support;
using StsFtw.Core.Totp;
using StsFtw.Core.Wire;
using static StsFtw.Client.Tests.Support.FakeEnrollmentServer;

namespace StsFtw.Client.Tests.Enrollment;

public sealed class EnrollmentEndpointClientTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static EnrollmentStartInput Start(string? currentCode = null) => new(Issuer, Account, InvitationCode) { CurrentCode = currentCode };

    private static EnrollmentConfirmInput Confirm() => new(Issuer, Account, InvitationCode, "123456", "654321");

    [Fact]
    public async Task StartPostsExactlyTheDocumentedMembersToTheStartRouteAtTheEndpointsRoot()
    {
        using var server = new FakeEnrollmentServer();
        using var client = server.Client();

        var result = await client.StartAsync(new EnrollmentStartInput(Issuer, Account, " inv1-abcd efgh-ijkl-mnop-qrst-uvwx-yz23-4567 "), None);

        Assert.True(result.Succeeded, result.ToString());
        var (path, body, contentType) = Assert.Single(server.Requests);
        Assert.Equal(EnrollmentRoutes.Start, path);
        Assert.StartsWith(MediaTypes.Json, contentType);
        Assert.Equal([EnrollmentFields.Issuer, EnrollmentFields.AccountName, EnrollmentFields.InvitationCode], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(InvitationCode, body.GetProperty(EnrollmentFields.InvitationCode).GetString());
        Assert.Equal(server.Key.Secret.ToBase32(), result.Value!.Key.Secret.ToBase32());
        Assert.Equal((Issuer, Account), (result.Value.Issuer, result.Value.AccountName));
    }

    [Fact]
    public async Task StartSendsTheOldDevicesCodeForARotation()
    {
        using var server = new FakeEnrollmentServer();
        using var client = server.Client();

        await client.StartAsync(Start(currentCode: "246810"), None);

        Assert.Equal("246810", Assert.Single(server.Requests).Body.GetProperty(EnrollmentFields.CurrentCode).GetString());
    }

    [Fact]
    public async Task ConfirmPostsTheTwoCodesAndReadsTheActiveStatus()
    {
        using var server = new FakeEnrollmentServer { Answer = _ => (200, MediaTypes.Json, ConfirmAnswer(rotation: "true")) };
        using var client = server.Client();

        var result = await client.ConfirmAsync(Confirm(), None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.True(result.Value!.Rotation);
        var (path, body, _) = Assert.Single(server.Requests);
        Assert.Equal(EnrollmentRoutes.Confirm, path);
        Assert.Equal("123456", body.GetProperty(EnrollmentFields.FirstCode).GetString());
        Assert.Equal("654321", body.GetProperty(EnrollmentFields.SecondCode).GetString());
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("ACTIVE")]
    public async Task AConfirmAnswerThatIsNotActiveIsRefused(string status)
    {
        using var server = new FakeEnrollmentServer { Answer = _ => (200, MediaTypes.Json, ConfirmAnswer(status)) };
        using var client = server.Client();

        var result = await client.ConfirmAsync(Confirm(), None);

        Assert.Equal(EnrollmentFailureKind.UnexpectedResponse, result.Failure!.Kind);
    }

    [Fact]
    public async Task AStartAnswerWithAKeyForAnotherAccountIsRefused()
    {
        using var server = new FakeEnrollmentServer();
        var other = TotpKey.Generate(Issuer, "mallory");
        server.Answer = _ => (200, MediaTypes.Json, server.StartAnswer(uri: other.ToUri()));
        using var client = server.Client();

        var result = await client.StartAsync(Start(), None);

        Assert.Equal(EnrollmentFailureKind.UnexpectedResponse, result.Failure!.Kind);
        Assert.Contains("another issuer or account", result.Failure.Message);
        Assert.DoesNotContain(other.Secret.ToBase32(), result.Failure.Message);
    }

    [Fact]
    public async Task AStartAnswerAboutAnotherAccountIsRefused()
    {
        using var server = new FakeEnrollmentServer();
        server.Answer = _ => (200, MediaTypes.Json, server.StartAnswer(account: "mallory"));
        using var client = server.Client();

        Assert.Equal(EnrollmentFailureKind.UnexpectedResponse, (await client.StartAsync(Start(), None)).Failure!.Kind);
    }

    [Theory]
    [InlineData("digits=6", "digits=8")]
    [InlineData("algorithm=SHA1", "algorithm=SHA256")]
    [InlineData("period=30", "period=60")]
    [InlineData("otpauth://totp/", "otpauth://hotp/")]
    public async Task AKeyWithParametersRuleOneForbidsIsRefusedWithoutEchoingTheUri(string from, string to)
    {
        using var server = new FakeEnrollmentServer();
        var uri = server.Key.ToUri().Replace(from, to, StringComparison.Ordinal);
        server.Answer = _ => (200, MediaTypes.Json, server.StartAnswer(uri: uri));
        using var client = server.Client();

        var result = await client.StartAsync(Start(), None);

        Assert.Equal(EnrollmentFailureKind.UnexpectedResponse, result.Failure!.Kind);
        Assert.DoesNotContain(server.Key.Secret.ToBase32(), result.Failure.Message);
        Assert.DoesNotContain(uri, result.Failure.Message);
    }

    [Fact]
    public async Task AStartAnswerWithMembersTheProtocolDoesNotDefineIsRefused()
    {
        using var server = new FakeEnrollmentServer();
        server.Answer = _ => (200, MediaTypes.Json, server.StartAnswer(extra: ",\"next\":\"https://evil.example/\""));
        using var client = server.Client();

        Assert.Equal(EnrollmentFailureKind.UnexpectedResponse, (await client.StartAsync(Start(), None)).Failure!.Kind);
    }

    [Theory]
    [InlineData("2020-01-01T00:00:00Z")]
    [InlineData("2999-01-01T00:00:00Z")]
    [InlineData("tomorrow")]
    public async Task AStartAnswerWithAnImplausibleExpiryIsRefused(string expiresAt)
    {
        using var server = new FakeEnrollmentServer();
        server.Answer = _ => (200, MediaTypes.Json, server.StartAnswer(expiresAt: expiresAt));
        using var client = server.Client();

        Assert.Equal(EnrollmentFailureKind.UnexpectedResponse, (await client.StartAsync(Start(), None)).Failure!.Kind);
    }

    [Theory]
    [InlineData(ProblemTypes.InvitationNotValid, 401, EnrollmentFailureKind.InvitationNotValid)]
    [InlineData(ProblemTypes.DeviceCodeRequired, 403, EnrollmentFailureKind.DeviceCodeRequired)]
    [InlineData(ProblemTypes.InvitationAlreadyRedeemed, 409, EnrollmentFailureKind.InvitationAlreadyRedeemed)]
    [InlineData(ProblemTypes.InvitationNotRedeemed, 409, EnrollmentFailureKind.InvitationNotRedeemed)]
    [InlineData(ProblemTypes.EnrollmentCodesNotValid, 401, EnrollmentFailureKind.CodesNotValid)]
    [InlineData(ProblemTypes.InvalidRequest, 400, EnrollmentFailureKind.InvalidRequest)]
    [InlineData(ProblemTypes.ServiceUnavailable, 503, EnrollmentFailureKind.ServiceUnavailable)]
    [InlineData(ProblemTypes.UnsupportedMediaType, 415, EnrollmentFailureKind.EndpointMismatch)]
    public async Task EachProblemTypeBecomesItsFailureKindWithTheBackendsDetail(string type, int status, EnrollmentFailureKind kind)
    {
        using var server = new FakeEnrollmentServer { Answer = _ => (status, MediaTypes.ProblemJson, Problem(type, status, "Said the backend.")) };
        using var client = server.Client();

        var failure = (await client.StartAsync(Start(), None)).Failure!;

        Assert.Equal((kind, status, type, "urn:stsftw:request:r1"), (failure.Kind, failure.Status, failure.ProblemType, failure.Instance));
        Assert.Equal("Said the backend.", failure.Message);
    }

    [Fact]
    public async Task ALockedAccountSaysWhenToTryAgain()
    {
        using var server = new FakeEnrollmentServer { Answer = _ => (429, MediaTypes.ProblemJson, Problem(ProblemTypes.AccountLocked, 429, "Locked.")) };
        server.Headers["Retry-After"] = "300";
        using var client = server.Client();

        var failure = (await client.ConfirmAsync(Confirm(), None)).Failure!;

        Assert.Equal((EnrollmentFailureKind.AccountLocked, TimeSpan.FromMinutes(5)), (failure.Kind, failure.RetryAfter));
        Assert.Contains("5 min", failure.Message);
    }

    [Fact]
    public async Task AProblemDetailCannotDriveTheTerminal()
    {
        using var server = new FakeEnrollmentServer { Answer = _ => (401, MediaTypes.ProblemJson, Problem(ProblemTypes.InvitationNotValid, 401, "No\\u001b[2J\\u202e.")) };
        using var client = server.Client();

        var message = (await client.StartAsync(Start(), None)).Failure!.Message;

        Assert.DoesNotContain('\u001b', message);
        Assert.DoesNotContain('\u202e', message);
    }

    [Fact]
    public async Task ARedirectIsNotFollowed()
    {
        using var server = new FakeEnrollmentServer { Answer = _ => (307, MediaTypes.Json, "{}") };
        server.Headers["Location"] = "http://127.0.0.1:1/elsewhere";
        using var client = server.Client();

        var result = await client.StartAsync(Start(), None);

        Assert.Equal((EnrollmentFailureKind.UnexpectedResponse, 307), (result.Failure!.Kind, result.Failure.Status));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AnOversizedAnswerIsRefusedUnread()
    {
        using var server = new FakeEnrollmentServer { Answer = _ => (200, MediaTypes.Json, new string(' ', EnrollmentEndpointClient.MaximumResponseBytes + 1)) };
        using var client = server.Client();

        Assert.Equal(EnrollmentFailureKind.UnexpectedResponse, (await client.StartAsync(Start(), None)).Failure!.Kind);
    }

    [Fact]
    public async Task AnEndpointThatDoesNotAnswerInTimeIsATypedFailure()
    {
        using var server = new FakeEnrollmentServer { Delay = TimeSpan.FromSeconds(30) };
        using var client = server.Client(TimeSpan.FromMilliseconds(300));

        Assert.Equal(EnrollmentFailureKind.TimedOut, (await client.StartAsync(Start(), None)).Failure!.Kind);
    }

    [Fact]
    public async Task AnEndpointNobodyListensOnIsUnreachable()
    {
        Uri address;
        using (var server = new FakeEnrollmentServer()) address = server.BaseUri;
        using var client = new EnrollmentEndpointClient(StsFtw.Client.Endpoint.CredentialEndpoint.Create(address.ToString()), TimeSpan.FromSeconds(5));

        Assert.Equal(EnrollmentFailureKind.Unreachable, (await client.StartAsync(Start(), None)).Failure!.Kind);
    }

    [Theory]
    [InlineData("inv1-ABCD")]
    [InlineData("inv2-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")]
    [InlineData("inv1-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4561")]
    [InlineData("")]
    public async Task AMalformedInvitationCodeIsRefusedBeforeAnythingIsSentAndNotEchoed(string code)
    {
        using var server = new FakeEnrollmentServer();
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.StartAsync(new EnrollmentStartInput(Issuer, Account, code), None));

        Assert.Contains("InvitationCode", error.Message);
        if (code.Length > 0) Assert.DoesNotContain(code, error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void TheInputsAndThePendingKeyHideEveryCodeAndTheSecretWhenPrinted()
    {
        var key = TotpKey.Generate(Issuer, Account);
        var printed = string.Join(" ", Start("246810"), Confirm(), new PendingEnrollment(Issuer, Account, key, DateTimeOffset.UtcNow));

        foreach (var secret in new[] { InvitationCode, "246810", "123456", "654321", key.Secret.ToBase32() })
        {
            Assert.DoesNotContain(secret, printed);
        }
    }

    [Fact]
    public async Task ANonJsonAnswerIsRefused()
    {
        using var server = new FakeEnrollmentServer { Answer = _ => (200, "text/html", "<html>login</html>") };
        using var client = server.Client();

        var failure = (await client.StartAsync(Start(), None)).Failure!;

        Assert.Equal(EnrollmentFailureKind.UnexpectedResponse, failure.Kind);
        Assert.DoesNotContain("login", failure.Message);
    }

    [Fact]
    public void JsonWithDuplicateMembersIsNotReadAsAnAnswer() =>
        Assert.Null(EnrollmentJson.ReadMembers("{\"issuer\":\"Example Corp\",\"issuer\":\"Other\"}"u8.ToArray()));
}
