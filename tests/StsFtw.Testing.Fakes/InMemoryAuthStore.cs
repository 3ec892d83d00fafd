using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;

namespace StsFtw.Testing.Fakes;

/// <summary>
/// The IAuthStore contract in memory, with the same atomicity (one lock) and the same rules as the DynamoDB store
/// (no counting while locked, the failure budget, no step accepted once a lock is due), recording every call.
/// </summary>
public sealed class InMemoryAuthStore : IAuthStore
{
    private readonly object _gate = new();
    private readonly Dictionary<AccountKey, AuthEntry> _entries = new();

    public List<string> Calls { get; } = new();

    /// <summary>Runs after a time step was accepted (to move a deadline at that exact point).</summary>
    public Action? AfterAccept { get; set; }

    public bool FailEverything { get; set; }

    /// <summary>The lockout whose locking numbers close <see cref="TryAcceptTimeStepAsync"/> (the DynamoDB store's constructor argument).</summary>
    public LockoutPolicy Lockout { get; set; } = LockoutPolicy.Default;

    public void Put(AuthEntry entry)
    {
        lock (_gate) _entries[entry.Account] = entry;
    }

    public AuthEntry? Get(AccountKey account)
    {
        lock (_gate) return _entries.TryGetValue(account, out var entry) ? entry : null;
    }

    public Task<EntryLookup> GetEntriesAsync(AccountKey primary, AccountKey? secondary, CancellationToken cancellationToken)
    {
        Record($"Get {primary} {secondary}");
        lock (_gate)
        {
            return Task.FromResult(new EntryLookup(Get(primary), secondary is null ? null : Get(secondary)));
        }
    }

    public Task<bool> TryAcceptTimeStepAsync(AccountKey account, long timeStep, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Record($"Accept {account} {timeStep}");
        lock (_gate)
        {
            if (!_entries.TryGetValue(account, out var entry)) return Task.FromResult(false);
            if (entry.LastAcceptedTimeStep is { } last && last >= timeStep) return Task.FromResult(false);
            if (entry.IsLockedAt(now)) return Task.FromResult(false);
            if (entry.ConsecutiveFailures >= Lockout.LockingFailure) return Task.FromResult(false);
            if (Lockout.Budget.IsOpen(entry.BudgetWindowStart, now) && entry.BudgetFailures >= Lockout.Budget.LockingFailure) return Task.FromResult(false);
            _entries[account] = entry with { LastAcceptedTimeStep = timeStep, ConsecutiveFailures = 0, LockedUntil = null, ConsecutiveLocks = 0 };
        }
        AfterAccept?.Invoke();
        return Task.FromResult(true);
    }

    public Task<FailureRecord> RecordFailureAsync(AccountKey account, AuthEntry? seen, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken)
    {
        Record($"Failure {account}");
        lock (_gate)
        {
            if (!_entries.TryGetValue(account, out var entry)) return Task.FromResult(FailureRecord.NotEnrolled);
            if (entry.IsLockedAt(now)) return Task.FromResult(new FailureRecord(true, entry.ConsecutiveFailures, entry.LockedUntil, false) { Counted = false });

            var windowOpen = policy.Budget.IsOpen(entry.BudgetWindowStart, now);
            var counted = entry with
            {
                ConsecutiveFailures = entry.ConsecutiveFailures + 1,
                BudgetFailures = windowOpen ? entry.BudgetFailures + 1 : 1,
                BudgetWindowStart = windowOpen ? entry.BudgetWindowStart : now,
            };
            var verdict = policy.LockAfter(counted, now);
            _entries[account] = verdict is null ? counted : counted with { ConsecutiveFailures = 0, LockedUntil = verdict.Until, ConsecutiveLocks = verdict.Locks };
            return Task.FromResult(new FailureRecord(true, verdict is null ? counted.ConsecutiveFailures : 0, verdict?.Until ?? counted.LockedUntil, verdict is not null)
            {
                WindowFailures = counted.BudgetFailures,
                WindowStart = counted.BudgetWindowStart,
                LockCause = verdict?.Cause,
            });
        }
    }

    private void Record(string call)
    {
        lock (_gate) Calls.Add(call);
        if (FailEverything) throw new DependencyFailureException(Dependency.AuthTable, "The auth table is unavailable (test).");
    }
}
