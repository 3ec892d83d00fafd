namespace StsFtw.Core.Enrollment;

/// <summary>The lock one failure sets: until when, the lock level to store, and why.</summary>
/// <param name="Until">When the lock ends.</param>
/// <param name="Locks">The level to store (<see cref="AuthEntry.ConsecutiveLocks"/>); the next consecutive lock doubles from it.</param>
/// <param name="Cause">Why; when both apply, the one whose lock ends later.</param>
public sealed record LockVerdict(DateTimeOffset Until, int Locks, LockCause Cause);
