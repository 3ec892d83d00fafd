using System.Text.Json;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Tests.Process;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Fixtures;
using static StsFtw.Lambda.Tests.Enrollment.EnrollmentRig;

namespace StsFtw.Lambda.Tests.Enrollment;

/// <summary>docs/INVITATIONS.md, "The wire": the enrollment routes in-process over dynalite and the KMS/STS/SNS stand-ins.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class EnrollmentRouteTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task InvitedPersonEnrollsThroughTheRoutesAndThenGetsCredentials()
    {
        await using var rig = await StartAsync(dynalite, "route-enroll");
        var code = await rig.InviteAsync("alice");

        var (key, confirmed) = await rig.EnrollAsync("alice", code);

        Assert.Equal(200, confirmed.StatusCode);
        var answer = JsonDocument.Parse(confirmed.Body).RootElement;
        Assert.Equal("active", answer.GetProperty(EnrollmentFields.Status).GetString());
        Assert.False(answer.GetProperty(EnrollmentFields.Rotation).GetBoolean());
        Assert.Equal(["DeviceEnrolled"], rig.PublishedEventTypes());
        var logged = rig.LastLogLine();
        Assert.Equal(EnrollmentRoutes.Confirm, logged.GetProperty("route").GetString());
        Assert.Equal("enrollment-confirmed", logged.GetProperty("outcome").GetString());
        Assert.Equal("alice", logged.GetProperty("account").GetString());

        rig.NextStep();
        var credentials = await rig.SendAsync(Post("/", CredentialBody("alice", rig.CodeNow(key.Secret))));
        Assert.Equal(200, credentials.StatusCode);
        Assert.Equal(["DeviceEnrolled", "CredentialsMinted"], rig.PublishedEventTypes());
    }

    [Fact]
    public async Task StartAnswersTheKeyToThisPersonOnlyAndNeverLogsIt()
    {
        await using var rig = await StartAsync(dynalite, "route-start");
        var code = await rig.InviteAsync("alice");

        var (response, key) = await rig.StartAsync("alice", code);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("no-store", response.Headers.First("Cache-Control"));
        Assert.Equal("alice", key!.AccountName);
        Assert.Equal(Issuer, key.Issuer);
        Assert.Equal("enrollment-started", rig.LastLogLine().GetProperty("outcome").GetString());
        Assert.DoesNotContain(rig.LogLines, line => line.Contains("otpauth", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ConfirmCodesAreRefusedAfterwardsAsReplays()
    {
        await using var rig = await StartAsync(dynalite, "route-replay");
        var code = await rig.InviteAsync("alice");
        var (key, _) = await rig.EnrollAsync("alice", code);

        var replay = await rig.SendAsync(Post("/", CredentialBody("alice", rig.CodeNow(key.Secret))));

        Assert.Equal(401, replay.StatusCode);
        Assert.Equal(ProblemTypes.AuthenticationFailed, ProblemType(replay));
    }

    [Fact]
    public async Task ExpiredUsedWrongAndGuessedInvitationsGetOneAnswer()
    {
        await using var rig = await StartAsync(dynalite, "route-refused");
        var used = await rig.InviteAsync("alice");
        await rig.EnrollAsync("alice", used);
        var expiring = await rig.InviteAsync("bob", lifetime: TimeSpan.FromMinutes(5));
        await rig.InviteAsync("carol");
        rig.Clock.Advance(TimeSpan.FromMinutes(5));

        var answers = new[]
        {
            (await rig.StartAsync("alice", used)).Response,
            (await rig.StartAsync("bob", expiring)).Response,
            (await rig.StartAsync("carol", used)).Response,
            (await rig.StartAsync("carol", rig.GuessedCode())).Response,
            (await rig.StartAsync("nobody", rig.GuessedCode())).Response,
        };

        Assert.All(answers, a => Assert.Equal((401, ProblemTypes.InvitationNotValid), (a.StatusCode, ProblemType(a))));
        Assert.Single(answers.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty(ProblemFields.Detail).GetString()).Distinct());
    }

    [Fact]
    public async Task AuditOutageWithholdsActivation()
    {
        await using var rig = await StartAsync(dynalite, "route-audit");
        var code = await rig.InviteAsync("alice");
        rig.Sns.Fail(SnsStandIn.Publish, 403, "AuthorizationError");

        var (key, confirmed) = await rig.EnrollAsync("alice", code);

        Assert.Equal((503, ProblemTypes.ServiceUnavailable), (confirmed.StatusCode, ProblemType(confirmed)));
        Assert.Contains("No device was enrolled", confirmed.Body, StringComparison.Ordinal);
        rig.NextStep();
        Assert.Equal(401, (await rig.SendAsync(Post("/", CredentialBody("alice", rig.CodeNow(key.Secret))))).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/enrollment")]
    [InlineData("/enrollment/start/")]
    [InlineData("/ENROLLMENT/START")]
    [InlineData("/enrollment/confirm/x")]
    [InlineData("/anything")]
    public async Task EveryOtherPathAnswersTheCredentialRequestAsBefore(string path)
    {
        await using var rig = await StartAsync(dynalite, "route-other");
        var code = await rig.InviteAsync("alice");
        var (key, _) = await rig.EnrollAsync("alice", code);
        rig.NextStep();

        var credentials = await rig.SendAsync(Post(path, CredentialBody("alice", rig.CodeNow(key.Secret))));
        var enrollmentBody = await rig.SendAsync(Post(path, StartBody("alice", code)));

        Assert.Equal(200, credentials.StatusCode);
        Assert.Equal((400, ProblemTypes.InvalidRequest), (enrollmentBody.StatusCode, ProblemType(enrollmentBody)));
    }
}
