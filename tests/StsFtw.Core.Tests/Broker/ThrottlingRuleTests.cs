using StsFtw.Core.Audit;
using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.Fakes;
using static StsFtw.Core.Tests.Broker.OutcomeAssert;

namespace StsFtw.Core.Tests.Broker;

/// <summary>Rule 3: consecutive failures lock the account for a period; success resets the count.</summary>
public sealed class ThrottlingRuleTests
{
    [Fact]
    public async Task SixthWrongCodeLocksTheAccountAndIsAnnouncedOnce()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        for (var i = 0; i < LockoutPolicy.DefaultFailureLimit; i++)
        {
            Refused(await harness.AskAsync("alice", harness.WrongCode(secret)), RefusalReason.AuthenticationFailed);
        }
        Assert.Empty(harness.Audit.OfType<AccountLocked>());
        Refused(await harness.AskAsync("alice", harness.WrongCode(secret)), RefusalReason.AuthenticationFailed);

        var locked = Assert.Single(harness.Audit.OfType<AccountLocked>());
        Assert.Equal(harness.Clock.GetUtcNow() + LockoutPolicy.DefaultDuration, locked.LockedUntil);
        Assert.False(locked.AsSecondary);
        Assert.True(harness.Store.Get(BrokerHarness.Account("alice"))!.IsLockedAt(harness.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task RightCodeWhileLockedIsRefusedWithoutCheckingIt()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        await LockAsync(harness, secret);
        var revealsBefore = harness.Protector.Reveals;

        var refusal = Refused(await harness.AskAsync("alice", harness.CodeNow(secret)), RefusalReason.AccountLocked);

        Assert.Equal(LockoutPolicy.DefaultDuration, refusal.RetryAfter);
        Assert.Equal(revealsBefore, harness.Protector.Reveals);
        Assert.Empty(harness.Minter.Requests);
    }

    [Fact]
    public async Task AfterTheLockPeriodRightCodeWorksAndResetsTheCount()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        await LockAsync(harness, secret);

        harness.Clock.Advance(LockoutPolicy.DefaultDuration);
        Issued(await harness.AskAsync("alice", harness.CodeNow(secret)));

        var entry = harness.Store.Get(BrokerHarness.Account("alice"))!;
        Assert.Equal(0, entry.ConsecutiveFailures);
        Assert.False(entry.IsLockedAt(harness.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task SuccessResetsTheFailureCount()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        for (var i = 0; i < LockoutPolicy.DefaultFailureLimit; i++) await harness.AskAsync("alice", harness.WrongCode(secret));

        Issued(await harness.AskAsync("alice", harness.CodeNow(secret)));
        harness.NextStep();
        for (var i = 0; i < LockoutPolicy.DefaultFailureLimit; i++) await harness.AskAsync("alice", harness.WrongCode(secret));

        Assert.Empty(harness.Audit.OfType<AccountLocked>());
        Issued(await harness.AskAsync("alice", harness.CodeNow(secret)));
    }

    [Fact]
    public async Task ConfiguredLimitAndPeriodAreHonoured()
    {
        var policy = new LockoutPolicy(3, TimeSpan.FromMinutes(2));
        var harness = new BrokerHarness(new BrokerOptions { Lockout = policy });
        var secret = harness.Enroll("alice");

        for (var i = 0; i < policy.LockingFailure; i++) await harness.AskAsync("alice", harness.WrongCode(secret));

        var refusal = Refused(await harness.AskAsync("alice", harness.CodeNow(secret)), RefusalReason.AccountLocked);
        Assert.Equal(TimeSpan.FromMinutes(2), refusal.RetryAfter);
    }

    [Fact]
    public async Task ReplayedCodesCountAsFailures()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        var code = harness.CodeNow(secret);
        Issued(await harness.AskAsync("alice", code));

        for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++) await harness.AskAsync("alice", code);

        Assert.Single(harness.Audit.OfType<AccountLocked>());
    }

    private static async Task LockAsync(BrokerHarness harness, StsFtw.Core.Totp.TotpSecret secret)
    {
        for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++) await harness.AskAsync("alice", harness.WrongCode(secret));
    }
}
