namespace StsFtw.Core.Enrollment;

/// <summary>
/// How many consecutive failures an account is allowed, and how long it is locked once it goes past that
/// (RFC 4226 §7.3, NIST SP 800-63B §5.2.2). With the defaults, five wrong codes are refused as wrong and the
/// sixth locks the account for 15 minutes; each further lock without a success in between lasts twice as long as
/// the one before, up to a day.
/// </summary>
/// <remarks>
/// Doubling is what keeps a patient attacker from guessing for ever: with a fixed 15-minute lock one account takes
/// 24 checked guesses an hour, which finds a code within a year about half the time; with doubling up to a day it
/// is 6 a day after the first two days. A success, a new device or an admin's unlock starts the count again.
/// <para>Two more bounds (SECURITY.md rule 3): the <see cref="Budget"/> counts failures per window whatever the
/// successes, and the doubling decays: each full <see cref="MaximumDuration"/> that passes between the end of one lock
/// and the failure that sets the next takes one level off (<see cref="DecayedLocks"/>), so a past attack does not make
/// the owner's next slip cost a day.</para>
/// </remarks>
public sealed record LockoutPolicy
{
    /// <summary>Default: five consecutive failures are tolerated; the sixth locks.</summary>
    public const int DefaultFailureLimit = 5;

    /// <summary>NIST SP 800-63B allows at most 100 consecutive failed attempts, the locking one included.</summary>
    public const int MaximumFailureLimit = 99;

    /// <summary>Default first lock period.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(15);

    /// <summary>Default longest lock period.</summary>
    public static readonly TimeSpan DefaultMaximumDuration = TimeSpan.FromDays(1);

    /// <summary>
    /// The shortest lock period allowed: longer than a code stays valid (three 30 s steps), so a code an attacker
    /// learns inside a burst of guesses (a right code costs one more round trip than a wrong one) has expired by the
    /// time the lock ends.
    /// </summary>
    public static readonly TimeSpan ShortestDuration = TimeSpan.FromMinutes(2);

    /// <summary>The longest first lock period allowed.</summary>
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(1);

    /// <summary>The longest lock period allowed for <see cref="MaximumDuration"/>.</summary>
    public static readonly TimeSpan LongestMaximumDuration = TimeSpan.FromDays(7);

    /// <summary>Creates a policy; throws when the numbers are outside sane bounds.</summary>
    /// <param name="failureLimit">Consecutive failures tolerated (1–99).</param>
    /// <param name="duration">The first lock period (2 minutes to 1 day).</param>
    /// <param name="maximumDuration">
    /// The longest lock period, reached by doubling (from <paramref name="duration"/> to 7 days); null or equal to
    /// <paramref name="duration"/> for locks that never grow.
    /// </param>
    /// <param name="budget">The failure budget per window; null for <see cref="FailureBudget.Default"/>.</param>
    public LockoutPolicy(int failureLimit, TimeSpan duration, TimeSpan? maximumDuration = null, FailureBudget? budget = null)
    {
        if (failureLimit < 1 || failureLimit > MaximumFailureLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(failureLimit), failureLimit, $"The failure limit must be between 1 and {MaximumFailureLimit}.");
        }
        if (duration < ShortestDuration || duration > LongestDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The lockout period must be between 2 minutes and 1 day.");
        }
        var maximum = maximumDuration ?? duration;
        if (maximum < duration || maximum > LongestMaximumDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumDuration), maximum, "The longest lockout period must be between the first one and 7 days.");
        }
        FailureLimit = failureLimit;
        Duration = duration;
        MaximumDuration = maximum;
        Budget = budget ?? FailureBudget.Default;
    }

    /// <summary>The default policy: five failures tolerated, the sixth locks for 15 minutes, doubling up to a day.</summary>
    public static LockoutPolicy Default { get; } = new(DefaultFailureLimit, DefaultDuration, DefaultMaximumDuration);

    /// <summary>Consecutive failures tolerated before a lock.</summary>
    public int FailureLimit { get; }

    /// <summary>The consecutive failure that sets the lock: the first past <see cref="FailureLimit"/>.</summary>
    public int LockingFailure => FailureLimit + 1;

    /// <summary>How long the first lock lasts.</summary>
    public TimeSpan Duration { get; }

    /// <summary>How long a lock lasts at most, however many came before it.</summary>
    public TimeSpan MaximumDuration { get; }

    /// <summary>Failures tolerated per window, successes or not.</summary>
    public FailureBudget Budget { get; }

    /// <summary>
    /// How long a lock lasts when <paramref name="previousLocks"/> locks came before it since the account's last
    /// success: <see cref="Duration"/> doubled that many times, capped at <see cref="MaximumDuration"/>.
    /// </summary>
    public TimeSpan LockDuration(int previousLocks)
    {
        var doublings = Math.Min(Math.Max(previousLocks, 0), 30);
        var ticks = Duration.Ticks * Math.Pow(2, doublings);
        return ticks >= MaximumDuration.Ticks ? MaximumDuration : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The lock level left of <paramref name="locks"/> at <paramref name="now"/>: one level less for each full
    /// <see cref="MaximumDuration"/> since the last lock ended (<paramref name="lastLockEnd"/>).
    /// </summary>
    public int DecayedLocks(int locks, DateTimeOffset? lastLockEnd, DateTimeOffset now)
    {
        if (locks <= 0) return 0;
        if (lastLockEnd is not { } ended || ended >= now) return locks;
        var quietPeriods = (now - ended).Ticks / MaximumDuration.Ticks;
        return quietPeriods >= locks ? 0 : locks - (int)quietPeriods;
    }

    /// <summary>
    /// The lock the failure that left <paramref name="counted"/> sets, or null: a consecutive lock once
    /// <see cref="LockingFailure"/> failures are counted (its length doubling from the decayed level), a budget lock
    /// until the window closes once the budget's locking failure is counted, the later of the two when both apply.
    /// Never a second lock over one in force.
    /// </summary>
    public LockVerdict? LockAfter(AuthEntry counted, DateTimeOffset now)
    {
        if (counted is null) throw new ArgumentNullException(nameof(counted));
        if (counted.IsLockedAt(now)) return null;
        var consecutive = counted.ConsecutiveFailures >= LockingFailure;
        var spent = Budget.IsOpen(counted.BudgetWindowStart, now) && counted.BudgetFailures >= Budget.LockingFailure;
        if (!consecutive && !spent) return null;

        var level = DecayedLocks(counted.ConsecutiveLocks, counted.LockedUntil, now);
        var consecutiveUntil = consecutive ? now + LockDuration(level) : DateTimeOffset.MinValue;
        var budgetUntil = spent ? counted.BudgetWindowStart!.Value + Budget.Window : DateTimeOffset.MinValue;
        var locks = consecutive ? level + 1 : level;
        return budgetUntil > consecutiveUntil
            ? new LockVerdict(budgetUntil, locks, LockCause.FailureBudgetSpent)
            : new LockVerdict(consecutiveUntil, locks, LockCause.ConsecutiveFailures);
    }
}
