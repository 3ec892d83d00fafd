using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;

namespace StsFtw.Testing.Fakes;

/// <summary>The IAuthStore contract in memory, with the same atomicity (one lock), recording every call.</summary>
public sealed class InMemoryAuthStore : IAuthStore
{
    private readonly object _gate = new();
    private readonly Dictionary<AccountKey, AuthEntry> _entries = new();

    public List<string> Calls { get; } = new();

    /// <summary>Runs after a time step was accepted (to move a deadline at that exact point).</summary>
    public Action? AfterAccept { get; set; }

    public bool FailEverything { get; set; }

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
            _entries[account] = entry with { LastAcceptedTimeStep = timeStep, ConsecutiveFailures = 0, LockedUntil = null, ConsecutiveLocks = 0 };
        }
        AfterAccept?.Invoke();
        return Task.FromResult(true);
    }

    public Task<FailureRecord> RecordFailureAsync(AccountKey account, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken)
    {
        Record($"Failure {account}");
        lock (_gate)
        {
            if (!_entries.TryGetValue(account, out var entry)) return Task.FromResult(FailureRecord.NotEnrolled);
            var failures = entry.ConsecutiveFailures + 1;
            if (failures >= policy.LockingFailure && !entry.IsLockedAt(now))
            {
                var until = now + policy.LockDuration(entry.ConsecutiveLocks);
                _entries[account] = entry with { ConsecutiveFailures = 0, LockedUntil = until, ConsecutiveLocks = entry.ConsecutiveLocks + 1 };
                return Task.FromResult(new FailureRecord(true, 0, until, true));
            }
            _entries[account] = entry with { ConsecutiveFailures = failures };
            return Task.FromResult(new FailureRecord(true, failures, entry.LockedUntil, false));
        }
    }

    private void Record(string call)
    {
        lock (_gate) Calls.Add(call);
        if (FailEverything) throw new DependencyFailureException(Dependency.AuthTable, "The auth table is unavailable (test).");
    }
}
