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
    public LockoutPolicy(int failureLimit, TimeSpan duration, TimeSpan? maximumDuration = null)
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
}
