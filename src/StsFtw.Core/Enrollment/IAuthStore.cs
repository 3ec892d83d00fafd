using StsFtw.Core.Accounts;

namespace StsFtw.Core.Enrollment;

/// <summary>
/// The auth table as the request path uses it. Every method is one round trip, and every write is atomic on
/// its item, so concurrent requests (across Lambda instances) cannot both win.
/// </summary>
/// <remarks>
/// Implementations translate transport failures into <see cref="Dependencies.DependencyFailureException"/> with
/// <see cref="Dependencies.Dependency.AuthTable"/>, and never Scan.
/// </remarks>
public interface IAuthStore
{
    /// <summary>Reads the primary and (when named) the secondary entry in one round trip.</summary>
    Task<EntryLookup> GetEntriesAsync(AccountKey primary, AccountKey? secondary, CancellationToken cancellationToken);

    /// <summary>
    /// Accepts <paramref name="timeStep"/> for the account exactly once: succeeds only when no equal or later step
    /// was accepted before, the account is not locked at <paramref name="now"/>, and fewer failures than the lockout's
    /// locking number are counted (so a code racing the failure that locks is refused even before the lock is written);
    /// on success the failure count is reset. Returns false (and changes nothing) otherwise, including when the account
    /// does not exist.
    /// </summary>
    Task<bool> TryAcceptTimeStepAsync(AccountKey account, long timeStep, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one failed attempt atomically; the failure that reaches <see cref="LockoutPolicy.LockingFailure"/> locks
    /// the account for <see cref="LockoutPolicy.LockDuration"/> of the locks set since the last success (and counts
    /// that lock), and starts the failure count again (failures that raced with it and land after the lock count
    /// towards the next period). A success (<see cref="TryAcceptTimeStepAsync"/>) clears both counts. For an account that does
    /// not exist it makes the same round trip and returns <see cref="FailureRecord.NotEnrolled"/>.
    /// </summary>
    Task<FailureRecord> RecordFailureAsync(AccountKey account, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken);
}
