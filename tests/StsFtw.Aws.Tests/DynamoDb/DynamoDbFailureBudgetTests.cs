using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Tests.Fixtures;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.Fixtures;
using static StsFtw.Aws.Tests.DynamoDb.AuthTableTestData;

namespace StsFtw.Aws.Tests.DynamoDb;

/// <summary>Rule 3's long-run bounds in the DynamoDB store, on dynalite: the failure budget, no counting while locked, decaying locks.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbFailureBudgetTests(DynaliteFixture fixture)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task SuccessDoesNotResetTheFailureBudget()
    {
        var (table, _, name) = await NewTableAsync(fixture, "budget-success");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        var at = Now;
        var step = 1000L;

        for (var day = 0; day < 4; day++, at = at.AddDays(1))
        {
            for (var i = 0; i < LockoutPolicy.DefaultFailureLimit; i++) Assert.False((await RecordAsync(table, alice, at)).LockedByThisFailure);
            Assert.True(await table.TryAcceptTimeStepAsync(alice, step++, at, None));
        }
        var locking = await RecordAsync(table, alice, at);

        Assert.True(locking.LockedByThisFailure);
        Assert.Equal((LockCause.FailureBudgetSpent, Now + FailureBudget.DefaultWindow, 21), (locking.LockCause, locking.LockedUntil, locking.WindowFailures));
        Assert.False(await table.TryAcceptTimeStepAsync(alice, step++, at, None));
        var raw = (await RawItemAsync(fixture, name, alice))!;
        Assert.Equal(21, Number(raw, AuthTableAttributes.BudgetFailures));
        Assert.Equal(Now.ToUnixTimeSeconds(), Number(raw, AuthTableAttributes.BudgetWindowStart));
    }

    [Fact]
    public async Task FailuresWhileLockedAreNotCounted()
    {
        var (table, _, _) = await NewTableAsync(fixture, "budget-locked");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++) await RecordAsync(table, alice, Now);
        var atLock = await table.GetAsync(alice, None);

        var late = new List<FailureRecord>();
        for (var i = 0; i < 20; i++) late.Add(await table.RecordFailureAsync(alice, atLock, Now.AddMinutes(1), LockoutPolicy.Default, None));

        Assert.All(late, r => Assert.False(r.Counted || r.LockedByThisFailure));
        var after = await table.GetAsync(alice, None);
        Assert.Equal((atLock!.ConsecutiveFailures, atLock.BudgetFailures, atLock.LockedUntil), (after!.ConsecutiveFailures, after.BudgetFailures, after.LockedUntil));
        Assert.True(await table.TryAcceptTimeStepAsync(alice, 1000, Now + LockoutPolicy.DefaultDuration, None));
    }

    [Fact]
    public async Task RacingFailuresAnnounceEachThresholdExactlyOnce()
    {
        var (table, _, _) = await NewTableAsync(fixture, "budget-race");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        var seen = await table.GetAsync(alice, None);
        var policy = new LockoutPolicy(LockoutPolicy.MaximumFailureLimit, LockoutPolicy.DefaultDuration);

        var records = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(_ => Task.Run(() => table.RecordFailureAsync(alice, seen, Now, policy, None))));

        var counted = records.Where(r => r.Counted).Select(r => r.WindowFailures).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, counted.Length), counted);
        Assert.Single(records, r => policy.Budget.IsAnnounced(r.WindowFailures) && r.Counted);
        var locked = Assert.Single(records, r => r.LockedByThisFailure);
        Assert.Equal(LockCause.FailureBudgetSpent, locked.LockCause);
        Assert.True(locked.WindowFailures >= policy.Budget.LockingFailure);
    }

    [Fact]
    public async Task ClosedWindowReopensAtTheNextFailure()
    {
        var (table, _, _) = await NewTableAsync(fixture, "budget-reopen");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        for (var i = 0; i < 3; i++) await RecordAsync(table, alice, Now);
        var later = Now + FailureBudget.DefaultWindow;
        var seen = await table.GetAsync(alice, None);

        var reopened = await table.RecordFailureAsync(alice, seen, later, LockoutPolicy.Default, None);
        var next = await table.RecordFailureAsync(alice, await table.GetAsync(alice, None), later, LockoutPolicy.Default, None);

        Assert.Equal((1, later), (reopened.WindowFailures, reopened.WindowStart));
        Assert.Equal((2, later), (next.WindowFailures, next.WindowStart));
        Assert.Equal(5, next.ConsecutiveFailures);
    }

    [Fact]
    public async Task RacingReopenersOpenOneWindowAndCountEveryFailure()
    {
        var (table, _, _) = await NewTableAsync(fixture, "budget-reopen-race");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        await RecordAsync(table, alice, Now);
        var later = Now + FailureBudget.DefaultWindow;
        var seen = await table.GetAsync(alice, None);
        var policy = new LockoutPolicy(LockoutPolicy.MaximumFailureLimit, LockoutPolicy.DefaultDuration);

        var records = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => table.RecordFailureAsync(alice, seen, later, policy, None))));

        Assert.Equal(Enumerable.Range(1, 10), records.Select(r => r.WindowFailures).Order());
        Assert.All(records, r => Assert.Equal(later, r.WindowStart));
    }

    [Fact]
    public async Task LockLevelDecaysAfterAQuietMaximumDuration()
    {
        var (table, _, _) = await NewTableAsync(fixture, "budget-decay");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        var policy = new LockoutPolicy(2, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(8));
        var at = Now;
        for (var lockNumber = 0; lockNumber < 3; lockNumber++)
        {
            FailureRecord last = null!;
            for (var i = 0; i < policy.LockingFailure; i++) last = await table.RecordFailureAsync(alice, at, policy, None);
            Assert.Equal(policy.LockDuration(lockNumber), last.LockedUntil - at);
            at = last.LockedUntil!.Value;
        }

        // Two quiet maximum durations after the third lock ended: level 3 falls to 1, so the next lock lasts 4 minutes, not 8.
        at += policy.MaximumDuration * 2;
        FailureRecord relock = null!;
        for (var i = 0; i < policy.LockingFailure; i++) relock = await table.RecordFailureAsync(alice, at, policy, None);

        Assert.Equal(TimeSpan.FromMinutes(4), relock.LockedUntil - at);
        Assert.Equal(2, (await table.GetAsync(alice, None))!.ConsecutiveLocks);
    }

    [Fact]
    public async Task UnlockClearsTheBudget()
    {
        var (table, _, _) = await NewTableAsync(fixture, "budget-unlock");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        for (var i = 0; i < 4; i++) await RecordAsync(table, alice, Now);

        Assert.True(await table.UnlockAsync(alice, None));

        var entry = await table.GetAsync(alice, None);
        Assert.Equal((0, (DateTimeOffset?)null), (entry!.BudgetFailures, entry.BudgetWindowStart));
    }

    private static async Task<FailureRecord> RecordAsync(AuthTableStores table, Core.Accounts.AccountKey account, DateTimeOffset at) =>
        await table.RecordFailureAsync(account, await table.GetAsync(account, None), at, LockoutPolicy.Default, None);
}
