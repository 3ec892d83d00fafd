namespace StsFtw.Core.Enrollment;

/// <summary>What recording one failed attempt did to an account.</summary>
/// <param name="Enrolled">False when no such account exists (nothing was counted).</param>
/// <param name="ConsecutiveFailures">
/// Failures counted so far. Setting a lock starts the count again at 0; failures that raced with the locking one and
/// land after the lock count towards the next period.
/// </param>
/// <param name="LockedUntil">When the account's lock ends, if it is locked.</param>
/// <param name="LockedByThisFailure">True for exactly the one failure that set the lock, so it is announced once.</param>
public sealed record FailureRecord(bool Enrolled, int ConsecutiveFailures, DateTimeOffset? LockedUntil, bool LockedByThisFailure)
{
    /// <summary>The record for an account that does not exist.</summary>
    public static FailureRecord NotEnrolled { get; } = new(false, 0, null, false) { Counted = false };

    /// <summary>False when the account was already locked as the failure landed: nothing was counted (SECURITY.md rule 3).</summary>
    public bool Counted { get; init; } = true;

    /// <summary>This failure's number in the failure budget's window (each counted failure sees its own number).</summary>
    public int WindowFailures { get; init; }

    /// <summary>When the failure budget's window opened.</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>Why this failure locked the account, when <see cref="LockedByThisFailure"/>.</summary>
    public LockCause? LockCause { get; init; }
}
