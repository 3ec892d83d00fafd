using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.Fakes;

namespace StsFtw.Core.Tests.Enrollment;

/// <summary>The in-memory store behaves like the DynamoDB store where the broker's tests depend on it.</summary>
public sealed class InMemoryAuthStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly AccountKey Alice = new("Example", "alice");

    [Fact]
    public async Task InMemoryStoreRefusesAStepAtTheLockingCountLikeTheDynamoDbStore()
    {
        var store = new InMemoryAuthStore();
        store.Put(new AuthEntry(Alice) { ConsecutiveFailures = LockoutPolicy.Default.LockingFailure });

        Assert.False(await store.TryAcceptTimeStepAsync(Alice, 100, Now, CancellationToken.None));
    }

    [Fact]
    public async Task InMemoryStoreRefusesAStepWhileTheBudgetIsSpent()
    {
        var store = new InMemoryAuthStore();
        store.Put(new AuthEntry(Alice) { BudgetFailures = FailureBudget.Default.LockingFailure, BudgetWindowStart = Now.AddDays(-1) });

        Assert.False(await store.TryAcceptTimeStepAsync(Alice, 100, Now, CancellationToken.None));
    }

    [Fact]
    public async Task FailuresWhileLockedAreNotCounted()
    {
        var store = new InMemoryAuthStore();
        var locked = new AuthEntry(Alice) { ConsecutiveFailures = 2, BudgetFailures = 8, BudgetWindowStart = Now.AddHours(-1), LockedUntil = Now.AddMinutes(5) };
        store.Put(locked);

        var record = await store.RecordFailureAsync(Alice, locked, Now, LockoutPolicy.Default, CancellationToken.None);

        Assert.False(record.Counted);
        Assert.Equal(locked, store.Get(Alice));
    }
}
