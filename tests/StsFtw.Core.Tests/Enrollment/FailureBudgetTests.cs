using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Tests.Enrollment;

/// <summary>Rule 3's long-run bounds: the failure budget per window, and lock levels that decay.</summary>
public sealed class FailureBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly AccountKey Alice = new("Example", "alice");

    [Fact]
    public void DefaultToleratesTwentyFailuresPerSevenDays()
    {
        Assert.Equal((20, 21, TimeSpan.FromDays(7)), (FailureBudget.Default.Failures, FailureBudget.Default.LockingFailure, FailureBudget.Default.Window));
        Assert.Same(FailureBudget.Default, LockoutPolicy.Default.Budget);
    }

    [Theory]
    [InlineData(0, 7 * 24)]
    [InlineData(1000, 7 * 24)]
    [InlineData(20, 0)]
    [InlineData(20, 30 * 24 + 1)]
    public void BoundsAreEnforced(int failures, int windowHours) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FailureBudget(failures, TimeSpan.FromHours(windowHours)));

    [Fact]
    public void SpendingTheBudgetLocksUntilTheWindowCloses()
    {
        var opened = Now.AddDays(-2);
        var counted = new AuthEntry(Alice) { ConsecutiveFailures = 1, BudgetFailures = 21, BudgetWindowStart = opened };

        var verdict = LockoutPolicy.Default.LockAfter(counted, Now);

        Assert.Equal(new LockVerdict(opened.AddDays(7), 0, LockCause.FailureBudgetSpent), verdict);
    }

    [Fact]
    public void BudgetOfAClosedWindowLocksNothing()
    {
        var counted = new AuthEntry(Alice) { ConsecutiveFailures = 1, BudgetFailures = 40, BudgetWindowStart = Now.AddDays(-7) };

        Assert.Null(LockoutPolicy.Default.LockAfter(counted, Now));
    }

    [Fact]
    public void WhenBothApplyTheLaterLockWins()
    {
        var counted = new AuthEntry(Alice) { ConsecutiveFailures = 6, BudgetFailures = 21, BudgetWindowStart = Now.AddHours(-1) };

        var verdict = LockoutPolicy.Default.LockAfter(counted, Now)!;

        Assert.Equal((Now.AddHours(-1).AddDays(7), 1, LockCause.FailureBudgetSpent), (verdict.Until, verdict.Locks, verdict.Cause));
    }

    [Fact]
    public void NoSecondLockOverOneInForce()
    {
        var counted = new AuthEntry(Alice) { ConsecutiveFailures = 9, LockedUntil = Now.AddMinutes(1) };

        Assert.Null(LockoutPolicy.Default.LockAfter(counted, Now));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(23, 3)]
    [InlineData(24, 2)]
    [InlineData(49, 1)]
    [InlineData(72, 0)]
    [InlineData(1000, 0)]
    public void LockLevelFallsOneStepForEachQuietMaximumDuration(int quietHours, int expected) =>
        Assert.Equal(expected, LockoutPolicy.Default.DecayedLocks(3, Now.AddHours(-quietHours), Now));

    [Fact]
    public void LocksThatDecayLetTheOwnersNextSlipCostTheFirstPeriodAgain()
    {
        var afterAnAttack = new AuthEntry(Alice) { ConsecutiveFailures = 6, ConsecutiveLocks = 7, LockedUntil = Now.AddDays(-8) };

        var verdict = LockoutPolicy.Default.LockAfter(afterAnAttack, Now)!;

        Assert.Equal((Now + LockoutPolicy.DefaultDuration, 1, LockCause.ConsecutiveFailures), (verdict.Until, verdict.Locks, verdict.Cause));
    }

    [Fact]
    public void OnlyTheThirdFailureOfAWindowIsAnnounced()
    {
        Assert.Equal([3], Enumerable.Range(1, 30).Where(FailureBudget.Default.IsAnnounced));
        Assert.Equal([2], Enumerable.Range(1, 30).Where(new FailureBudget(2, TimeSpan.FromDays(1)).IsAnnounced));
    }
}
