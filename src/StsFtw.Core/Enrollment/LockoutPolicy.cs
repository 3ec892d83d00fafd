namespace StsFtw.Core.Enrollment;

/// <summary>
/// How many consecutive failures an account is allowed, and how long it is locked once it goes past that
/// (RFC 4226 §7.3, NIST SP 800-63B §5.2.2). With the defaults, five wrong codes are refused as wrong and the
/// sixth locks the account for 15 minutes.
/// </summary>
public sealed record LockoutPolicy
{
    /// <summary>Default: five consecutive failures are tolerated; the sixth locks.</summary>
    public const int DefaultFailureLimit = 5;

    /// <summary>NIST SP 800-63B allows at most 100 consecutive failed attempts, the locking one included.</summary>
    public const int MaximumFailureLimit = 99;

    /// <summary>Default lock period.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(15);

    /// <summary>Creates a policy; throws when the numbers are outside sane bounds.</summary>
    public LockoutPolicy(int failureLimit, TimeSpan duration)
    {
        if (failureLimit < 1 || failureLimit > MaximumFailureLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(failureLimit), failureLimit, $"The failure limit must be between 1 and {MaximumFailureLimit}.");
        }
        if (duration < TimeSpan.FromSeconds(30) || duration > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The lockout period must be between 30 seconds and 1 day.");
        }
        FailureLimit = failureLimit;
        Duration = duration;
    }

    /// <summary>The default policy: five failures tolerated, the sixth locks for 15 minutes.</summary>
    public static LockoutPolicy Default { get; } = new(DefaultFailureLimit, DefaultDuration);

    /// <summary>Consecutive failures tolerated before a lock.</summary>
    public int FailureLimit { get; }

    /// <summary>The consecutive failure that sets the lock: the first past <see cref="FailureLimit"/>.</summary>
    public int LockingFailure => FailureLimit + 1;

    /// <summary>How long a lock lasts.</summary>
    public TimeSpan Duration { get; }
}
