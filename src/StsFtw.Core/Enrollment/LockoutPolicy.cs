namespace StsFtw.Core.Enrollment;

/// <summary>
/// How many consecutive failures lock an account, and for how long (RFC 4226 §7.3, NIST SP 800-63B §5.2.2).
/// </summary>
public sealed record LockoutPolicy
{
    /// <summary>Default: the 5th consecutive failure locks the account.</summary>
    public const int DefaultThreshold = 5;

    /// <summary>NIST SP 800-63B allows at most 100 consecutive failures.</summary>
    public const int MaximumThreshold = 100;

    /// <summary>Default lock period.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(15);

    /// <summary>Creates a policy; throws when the numbers are outside sane bounds.</summary>
    public LockoutPolicy(int threshold, TimeSpan duration)
    {
        if (threshold < 1 || threshold > MaximumThreshold)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"The lockout threshold must be between 1 and {MaximumThreshold}.");
        }
        if (duration < TimeSpan.FromSeconds(30) || duration > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The lockout period must be between 30 seconds and 1 day.");
        }
        Threshold = threshold;
        Duration = duration;
    }

    /// <summary>The default policy: 5 failures, 15 minutes.</summary>
    public static LockoutPolicy Default { get; } = new(DefaultThreshold, DefaultDuration);

    /// <summary>Consecutive failures that lock the account.</summary>
    public int Threshold { get; }

    /// <summary>How long a lock lasts.</summary>
    public TimeSpan Duration { get; }
}
