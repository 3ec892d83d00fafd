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
    /// locking number are counted and the failure budget of an open window is not spent (so a code racing the failure
    /// that locks is refused even before the lock is written); on success the consecutive count and the lock level are
    /// reset, the failure budget is not. Returns false (and changes nothing) otherwise, including when the account
    /// does not exist.
    /// </summary>
    Task<bool> TryAcceptTimeStepAsync(AccountKey account, long timeStep, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one failed attempt atomically, in the consecutive count and in the failure budget's window (opening a new
    /// window when none is open). Nothing is counted while the account is locked (<see cref="FailureRecord.Counted"/>
    /// false). When the count reaches a lock (<see cref="LockoutPolicy.LockAfter"/>) the account is locked, which exactly
    /// one racing request reports (<see cref="FailureRecord.LockedByThisFailure"/>), and the consecutive count starts
    /// again. A success (<see cref="TryAcceptTimeStepAsync"/>) clears the consecutive count and the lock level, never the
    /// budget. For an account that does not exist it makes the same round trip and returns
    /// <see cref="FailureRecord.NotEnrolled"/>.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="seen">
    /// The entry as this request read it (null when it read none). Only a hint for choosing the first write; a stale or
    /// missing hint costs a second round trip, never a wrong count.
    /// </param>
    /// <param name="now">The request's time.</param>
    /// <param name="policy">The lockout policy.</param>
    /// <param name="cancellationToken">The request's deadline.</param>
    Task<FailureRecord> RecordFailureAsync(AccountKey account, AuthEntry? seen, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken);
}
