using StsFtw.Core.Audit;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Invitations;

namespace StsFtw.Core.Tests.Invitations;

/// <summary>Expired, used, wrong and guessed invitations; wrong codes counted like wrong TOTP codes; locks; bad input.</summary>
public sealed class InvitationRefusalTests
{
    private static CancellationToken None => CancellationToken.None;

    private static EnrollmentRefusal Refused(EnrollmentOutcome outcome, EnrollmentRefusalReason reason)
    {
        var refusal = Assert.IsType<EnrollmentRefusal>(outcome);
        Assert.Equal(reason, refusal.Reason);
        return refusal;
    }

    [Fact]
    public async Task ExpiredInvitationIsRefused()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice", lifetime: TimeSpan.FromHours(1));
        harness.Clock.Advance(TimeSpan.FromHours(1));

        var refusal = Refused(await harness.StartAsync("alice", code), EnrollmentRefusalReason.InvitationNotValid);

        Assert.Equal(EnrollmentBroker.InvitationNotValidMessage, refusal.Message);
        Assert.Equal(0, harness.Auth.Get(EnrollmentHarness.Account("alice"))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task RedeemedInvitationCannotBeConfirmedAfterItExpires()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice", lifetime: TimeSpan.FromMinutes(5));
        var started = Assert.IsType<EnrollmentStarted>(await harness.StartAsync("alice", code));
        harness.Clock.Advance(TimeSpan.FromMinutes(5));

        Refused(await harness.ConfirmAsync("alice", code, harness.CodeNow(started.Key.Secret, -1), harness.CodeNow(started.Key.Secret)),
            EnrollmentRefusalReason.InvitationNotValid);

        Assert.True(harness.Auth.Get(EnrollmentHarness.Account("alice"))!.Secret.IsEmpty);
    }

    [Fact]
    public async Task UsedInvitationIsRefused()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");
        await harness.EnrollAsync("alice", code);

        Refused(await harness.StartAsync("alice", code), EnrollmentRefusalReason.InvitationNotValid);
    }

    [Fact]
    public async Task SecondRedemptionIsRefusedAndDoesNotReplaceThePendingSecret()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");
        Assert.IsType<EnrollmentStarted>(await harness.StartAsync("alice", code));
        var pending = (await harness.Invitations.GetAsync(EnrollmentHarness.Account("alice"), None))!.PendingCiphertext;

        Refused(await harness.StartAsync("alice", code), EnrollmentRefusalReason.AlreadyRedeemed);

        Assert.Equal(pending, (await harness.Invitations.GetAsync(EnrollmentHarness.Account("alice"), None))!.PendingCiphertext);
    }

    [Fact]
    public async Task ConfirmBeforeStartIsRefused()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");

        Refused(await harness.ConfirmAsync("alice", code, "123456", "654321"), EnrollmentRefusalReason.NotRedeemed);
    }

    [Fact]
    public async Task WrongInvitationCodeIsCountedLikeAWrongTotpCode()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");
        var lockout = LockoutPolicy.Default;

        for (var i = 0; i < lockout.FailureLimit; i++)
        {
            Refused(await harness.StartAsync("alice", harness.GuessedCode()), EnrollmentRefusalReason.InvitationNotValid);
        }
        Refused(await harness.StartAsync("alice", harness.GuessedCode()), EnrollmentRefusalReason.InvitationNotValid);

        var locked = Refused(await harness.StartAsync("alice", code), EnrollmentRefusalReason.AccountLocked);
        Assert.Equal(lockout.Duration, locked.RetryAfter);
        Assert.Single(harness.Audit.OfType<AccountLocked>());
    }

    [Fact]
    public async Task LockedAccountIsRefusedBeforeTheInvitationIsChecked()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");
        var alice = EnrollmentHarness.Account("alice");
        harness.Auth.Put(harness.Auth.Get(alice)! with { LockedUntil = harness.Clock.GetUtcNow().AddMinutes(10) });

        Refused(await harness.StartAsync("alice", harness.GuessedCode()), EnrollmentRefusalReason.AccountLocked);

        Assert.DoesNotContain(harness.Auth.Calls, c => c.StartsWith("Failure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownAccountGetsTheAnswerOfAWrongCodeAndTheSameRoundTrips()
    {
        var harness = new EnrollmentHarness();
        await harness.InviteAsync("alice");

        var before = harness.Auth.Calls.Count + harness.Invitations.Calls.Count;
        var unknown = Refused(await harness.StartAsync("nobody", harness.GuessedCode()), EnrollmentRefusalReason.InvitationNotValid);
        var unknownCalls = harness.Auth.Calls.Count + harness.Invitations.Calls.Count - before;
        var wrong = Refused(await harness.StartAsync("alice", harness.GuessedCode()), EnrollmentRefusalReason.InvitationNotValid);
        var wrongCalls = harness.Auth.Calls.Count + harness.Invitations.Calls.Count - before - unknownCalls;

        Assert.Equal(unknown, wrong);
        Assert.Equal(2, unknownCalls);
        Assert.Equal(unknownCalls, wrongCalls);
    }

    [Fact]
    public async Task InvitationOfAnotherAccountIsRefused()
    {
        var harness = new EnrollmentHarness();
        var bobs = await harness.InviteAsync("bob");
        await harness.InviteAsync("alice");

        Refused(await harness.StartAsync("alice", bobs), EnrollmentRefusalReason.InvitationNotValid);
    }

    [Fact]
    public async Task WrongConfirmCodesAreRefusedAndCounted()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");
        var started = Assert.IsType<EnrollmentStarted>(await harness.StartAsync("alice", code));

        Refused(await harness.ConfirmAsync("alice", code, harness.Wrong(started.Key.Secret), harness.CodeNow(started.Key.Secret)),
            EnrollmentRefusalReason.CodesNotValid);

        Assert.Equal(1, harness.Auth.Get(EnrollmentHarness.Account("alice"))!.ConsecutiveFailures);
        Assert.Empty(harness.Audit.OfType<DeviceEnrolled>());
    }

    [Theory]
    [InlineData("", "alice", "x")]
    [InlineData("Example", "", "x")]
    [InlineData("Example", "alice", "not-a-code")]
    [InlineData("Example", "alice", null)]
    public async Task InvalidRequestTouchesNoPort(string issuer, string account, string? code)
    {
        var harness = new EnrollmentHarness();

        var start = await harness.Broker.StartAsync(new StartEnrollmentRequest(issuer, account, code, null), harness.Context, None);
        var confirm = await harness.Broker.ConfirmAsync(new ConfirmEnrollmentRequest(issuer, account, code, "12345", null), harness.Context, None);

        Refused(start, EnrollmentRefusalReason.InvalidRequest);
        Assert.Contains(Refused(confirm, EnrollmentRefusalReason.InvalidRequest).Problems, p => p.Contains("second_code", StringComparison.Ordinal));
        Assert.Empty(harness.Auth.Calls);
        Assert.Empty(harness.Invitations.Calls);
    }

    [Fact]
    public async Task TableOutageIsADependencyFailure()
    {
        var harness = new EnrollmentHarness();
        await harness.InviteAsync("alice");
        harness.Auth.FailEverything = true;

        var outcome = await harness.StartAsync("alice", harness.GuessedCode());

        Assert.Equal(Core.Dependencies.Dependency.AuthTable, Assert.IsType<EnrollmentDependencyFailed>(outcome).Dependency);
    }
}
