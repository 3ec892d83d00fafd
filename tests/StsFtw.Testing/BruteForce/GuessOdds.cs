using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;

namespace StsFtw.Testing.BruteForce;

/// <summary>
/// The odds of a guessing attacker: each checked guess succeeds with probability p = 3 / 10^6 (the verifier accepts
/// the codes of steps -1, 0 and +1; three distinct codes at best for the attacker), independently, because the
/// accepted codes change every 30 s. The number of guesses to the first success is geometric.
/// </summary>
public sealed record GuessOdds(double GuessesPerHour)
{
    /// <summary>Codes accepted at any moment.</summary>
    public const int AcceptedCodes = 2 * TotpVerifier.NetworkDelaySteps + 1;

    /// <summary>Probability that one guess is right.</summary>
    public const double PerGuess = AcceptedCodes / 1_000_000.0;

    /// <summary>The rate a policy allows by design: its locking failure's worth of guesses per lock period.</summary>
    public static double DesignRate(LockoutPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.LockingFailure * TimeSpan.FromHours(1).TotalSeconds / policy.Duration.TotalSeconds;
    }

    /// <summary>Mean time to the first correct guess (1/p guesses).</summary>
    public TimeSpan MeanTimeToSuccess => TimeSpan.FromHours(1 / PerGuess / GuessesPerHour);

    /// <summary>Median time to the first correct guess (ln 2 / -ln(1-p) guesses).</summary>
    public TimeSpan MedianTimeToSuccess => TimeSpan.FromHours(Math.Log(2) / -Math.Log(1 - PerGuess) / GuessesPerHour);

    /// <summary>Probability of at least one correct guess within <paramref name="period"/>.</summary>
    public double SuccessWithin(TimeSpan period) => 1 - Math.Exp(GuessesPerHour * period.TotalHours * Math.Log(1 - PerGuess));
}
