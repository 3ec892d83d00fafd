using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;

namespace StsFtw.Testing.BruteForce;

/// <summary>
/// The odds of a guessing attacker under a lockout policy. Each checked guess succeeds with probability
/// p = 3 / 10^6 (the verifier accepts the codes of steps -1, 0 and +1; three distinct codes at best for the attacker),
/// independently, because the accepted codes change every 30 s. The attacker's best schedule is the one the tests
/// measure: a policy's locking failure's worth of guesses the moment each lock ends, each lock lasting
/// <see cref="LockoutPolicy.LockDuration"/> of the locks before it.
/// </summary>
public sealed class GuessOdds
{
    /// <summary>Codes accepted at any moment.</summary>
    public const int AcceptedCodes = 2 * TotpVerifier.NetworkDelaySteps + 1;

    /// <summary>Probability that one guess is right.</summary>
    public const double PerGuess = AcceptedCodes / 1_000_000.0;

    private readonly LockoutPolicy _policy;

    /// <summary>The odds under <paramref name="policy"/>.</summary>
    public GuessOdds(LockoutPolicy policy) => _policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>Guesses checked within <paramref name="period"/> from the first guess: a burst starts each lock period.</summary>
    public long ChecksWithin(TimeSpan period)
    {
        long checks = 0;
        var start = TimeSpan.Zero;
        for (var locks = 0; start < period; locks++)
        {
            checks += _policy.LockingFailure;
            start += _policy.LockDuration(locks);
        }
        return checks;
    }

    /// <summary>When the attacker makes the <paramref name="guess"/>-th checked guess (1-based).</summary>
    public TimeSpan TimeOfGuess(double guess)
    {
        var burstsBefore = (long)Math.Ceiling(guess / _policy.LockingFailure) - 1;
        var time = TimeSpan.Zero;
        for (var locks = 0; locks < burstsBefore; locks++)
        {
            if (_policy.LockDuration(locks) == _policy.MaximumDuration)
            {
                return time + TimeSpan.FromTicks(_policy.MaximumDuration.Ticks * (burstsBefore - locks));
            }
            time += _policy.LockDuration(locks);
        }
        return time;
    }

    /// <summary>Guesses checked per hour once the locks have stopped growing.</summary>
    public double SteadyGuessesPerHour => _policy.LockingFailure / _policy.MaximumDuration.TotalHours;

    /// <summary>Time by which the attacker has made the mean number of guesses to the first success (1/p).</summary>
    public TimeSpan MeanTimeToSuccess => TimeOfGuess(1 / PerGuess);

    /// <summary>Time by which the attacker has succeeded with probability one half (ln 2 / -ln(1-p) guesses).</summary>
    public TimeSpan MedianTimeToSuccess => TimeOfGuess(Math.Log(2) / -Math.Log(1 - PerGuess));

    /// <summary>Probability of at least one correct guess within <paramref name="period"/>.</summary>
    public double SuccessWithin(TimeSpan period) => 1 - Math.Exp(ChecksWithin(period) * Math.Log(1 - PerGuess));
}
