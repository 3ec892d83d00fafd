namespace StsFtw.Core.Enrollment;

/// <summary>
/// How many failed codes one account may have in a window of time, whatever its successes (SECURITY.md rule 3).
/// With the defaults, 20 failures are tolerated within 7 days of the first; the 21st locks the account until those
/// 7 days are over. A success does not give any of them back.
/// </summary>
/// <remarks>
/// <para>The consecutive-failure lock alone resets on every success, so an attacker who stays one guess under it per
/// day against an account whose owner signs in daily gets about 1,800 guesses a year. The budget bounds that at
/// <c>(Failures + 1)</c> per <see cref="Window"/> (1,095 a year with the defaults); SECURITY.md section 4 has the odds.</para>
/// <para>The window opens at the first failure after the last one closed (it is anchored, not sliding): an attacker who
/// spends the whole budget at once is locked until it closes, and the next window opens at the next failure. The
/// store counts the window atomically; a request for a locked account counts nothing.</para>
/// </remarks>
public sealed record FailureBudget
{
    /// <summary>Default: 20 failures tolerated per window.</summary>
    public const int DefaultFailures = 20;

    /// <summary>The most failures a window may tolerate.</summary>
    public const int MaximumFailures = 999;

    /// <summary>Default window: 7 days.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    /// <summary>The shortest window allowed.</summary>
    public static readonly TimeSpan ShortestWindow = TimeSpan.FromHours(1);

    /// <summary>The longest window allowed (the longest a budget lock can last).</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(30);

    /// <summary>The failure within a window that is announced as repeated failed codes (once per window).</summary>
    public const int AnnouncedFailure = 3;

    /// <summary>Creates a budget; throws when the numbers are outside sane bounds.</summary>
    /// <param name="failures">Failures tolerated per window (1–999); the next one locks until the window closes.</param>
    /// <param name="window">The window, from its first failure (1 hour to 30 days).</param>
    public FailureBudget(int failures, TimeSpan window)
    {
        if (failures < 1 || failures > MaximumFailures)
        {
            throw new ArgumentOutOfRangeException(nameof(failures), failures, $"The failure budget must be between 1 and {MaximumFailures}.");
        }
        if (window < ShortestWindow || window > LongestWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The failure budget's window must be between 1 hour and 30 days.");
        }
        Failures = failures;
        Window = window;
    }

    /// <summary>The default budget: 20 failures per 7 days.</summary>
    public static FailureBudget Default { get; } = new(DefaultFailures, DefaultWindow);

    /// <summary>Failures tolerated per window.</summary>
    public int Failures { get; }

    /// <summary>The failure that spends the budget and locks: the first past <see cref="Failures"/>.</summary>
    public int LockingFailure => Failures + 1;

    /// <summary>How long a window lasts from its first failure.</summary>
    public TimeSpan Window { get; }

    /// <summary>True when a window opened at <paramref name="opened"/> still counts at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTimeOffset? opened, DateTimeOffset now) => opened is { } start && start + Window > now;

    /// <summary>
    /// True for the one failure in a window that is announced as repeated failed codes: the
    /// <see cref="AnnouncedFailure"/>-th, or the last tolerated one when the budget is smaller.
    /// </summary>
    public bool IsAnnounced(int windowFailures) => windowFailures == Math.Min(AnnouncedFailure, Failures);
}
