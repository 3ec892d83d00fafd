using StsFtw.Core.Audit;
using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.Fakes;
using static StsFtw.Core.Tests.Broker.OutcomeAssert;

namespace StsFtw.Core.Tests.Broker;

/// <summary>Rule 3 against a patient attacker and against lockout used as a weapon (issue 14, findings 4 and 6).</summary>
public sealed class FailureBudgetRuleTests
{
    [Fact]
    public async Task SuccessDoesNotResetTheFailureBudget()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        var opened = harness.Clock.GetUtcNow();

        // One guess under the lock limit a day, the owner signing in between: the consecutive count never locks.
        for (var day = 0; day < 4; day++)
        {
            for (var i = 0; i < LockoutPolicy.DefaultFailureLimit; i++) await harness.AskAsync("alice", harness.WrongCode(secret));
            Issued(await harness.AskAsync("alice", harness.CodeNow(secret)));
            harness.Clock.Advance(TimeSpan.FromDays(1));
        }
        Assert.Empty(harness.Audit.OfType<AccountLocked>());

        Refused(await harness.AskAsync("alice", harness.WrongCode(secret)), RefusalReason.AuthenticationFailed);

        var locked = Assert.Single(harness.Audit.OfType<AccountLocked>());
        Assert.Equal((LockCause.FailureBudgetSpent, opened + FailureBudget.DefaultWindow, FailureBudget.Default.LockingFailure),
            (locked.Cause, locked.LockedUntil, locked.FailedAttempts));
        Refused(await harness.AskAsync("alice", harness.CodeNow(secret)), RefusalReason.AccountLocked);
    }

    [Fact]
    public async Task TheBudgetComesBackWhenTheWindowCloses()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        for (var i = 0; i < 4; i++) await harness.AskAsync("alice", harness.WrongCode(secret));

        harness.Clock.Advance(FailureBudget.DefaultWindow);
        await harness.AskAsync("alice", harness.WrongCode(secret));

        var entry = harness.Store.Get(BrokerHarness.Account("alice"))!;
        Assert.Equal((1, harness.Clock.GetUtcNow()), (entry.BudgetFailures, entry.BudgetWindowStart));
    }

    [Fact]
    public async Task FailuresWhileLockedAreNotCounted()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++) await harness.AskAsync("alice", harness.WrongCode(secret));
        var atLock = harness.Store.Get(BrokerHarness.Account("alice"))!;

        // A burst that read the entry before the lock and lands after it, then requests refused as locked.
        for (var i = 0; i < 20; i++)
        {
            await harness.Store.RecordFailureAsync(BrokerHarness.Account("alice"), atLock, harness.Clock.GetUtcNow(), LockoutPolicy.Default, CancellationToken.None);
            Refused(await harness.AskAsync("alice", harness.WrongCode(secret)), RefusalReason.AccountLocked);
        }

        Assert.Equal(atLock, harness.Store.Get(BrokerHarness.Account("alice")));
        harness.Clock.Advance(LockoutPolicy.DefaultDuration);
        Issued(await harness.AskAsync("alice", harness.CodeNow(secret)));
    }

    [Fact]
    public async Task LockLevelsDecaySoAPastAttackDoesNotLengthenTheOwnersNextLock()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        for (var lockNumber = 0; lockNumber < 3; lockNumber++)
        {
            for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++) await harness.AskAsync("alice", harness.WrongCode(secret));
            harness.Clock.Advance(LockoutPolicy.Default.LockDuration(lockNumber));
        }
        Assert.Equal(3, harness.Store.Get(BrokerHarness.Account("alice"))!.ConsecutiveLocks);

        harness.Clock.Advance(FailureBudget.DefaultWindow + TimeSpan.FromDays(1));
        for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++) await harness.AskAsync("alice", harness.WrongCode(secret));

        var refusal = Refused(await harness.AskAsync("alice", harness.CodeNow(secret)), RefusalReason.AccountLocked);
        Assert.Equal(LockoutPolicy.DefaultDuration, refusal.RetryAfter);
    }
}
