using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;

namespace StsFtw.Aws.Tests.BruteForce;

/// <summary>Wraps the real auth table and holds the first time-step write until released; everything else passes through.</summary>
internal sealed class HeldTimeStepWrites
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a time-step write is waiting.</summary>
    public Task Held => _held.Task;

    public void Release() => _released.TrySetResult();

    public IAuthStore Wrap(IAuthStore inner) => new Store(inner, this);

    private sealed class Store(IAuthStore inner, HeldTimeStepWrites gate) : IAuthStore
    {
        public Task<EntryLookup> GetEntriesAsync(AccountKey primary, AccountKey? secondary, CancellationToken cancellationToken) =>
            inner.GetEntriesAsync(primary, secondary, cancellationToken);

        public async Task<bool> TryAcceptTimeStepAsync(AccountKey account, long timeStep, DateTimeOffset now, CancellationToken cancellationToken)
        {
            gate._held.TrySetResult();
            await gate._released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await inner.TryAcceptTimeStepAsync(account, timeStep, now, cancellationToken).ConfigureAwait(false);
        }

        public Task<FailureRecord> RecordFailureAsync(AccountKey account, AuthEntry? seen, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken) =>
            inner.RecordFailureAsync(account, seen, now, policy, cancellationToken);
    }
}
