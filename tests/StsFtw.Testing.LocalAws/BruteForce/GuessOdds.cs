using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;

namespace StsFtw.Testing.BruteForce;

/// <summary>
/// The odds of a guessing attacker under a lockout policy. Each checked guess succeeds with probability
/// p = 3 / 10^6 (the verifier accepts the codes of steps -1, 0 and +1; three distinct codes at best for the attacker),
/// independently, because the accepted codes change every 30 s. The attacker's best schedule is the one the tests
/// measure: a burst of guesses the moment each lock ends, as many as the next lock allows (the policy's locking failure,
/// or what is left of the failure budget's window), each lock as <see cref="LockoutPolicy.LockAfter"/> decides it, so
/// the model is the policy's own code, run burst by burst.
/// </summary>
public sealed class GuessOdds
{
    /// <summary>Codes accepted at any moment.</summary>
    public const int AcceptedCodes = 2 * TotpVerifier.NetworkDelaySteps + 1;

    /// <summary>Probability that one guess is right.</summary>
    public const double PerGuess = AcceptedCodes / 1_000_000.0;

    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AccountKey Victim = new("Example", "victim");

    private readonly LockoutPolicy _policy;

    /// <summary>The odds under <paramref name="policy"/>.</summary>
    public GuessOdds(LockoutPolicy policy) => _policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>Guesses checked within <paramref name="period"/> from the first guess.</summary>
    public long ChecksWithin(TimeSpan period)
    {
        long checks = 0;
        foreach (var (at, guesses) in Bursts())
        {
            if (at >= period) break;
            checks += guesses;
        }
        return checks;
    }

    /// <summary>When the attacker makes the <paramref name="guess"/>-th checked guess (1-based).</summary>
    public TimeSpan TimeOfGuess(double guess)
    {
        long checks = 0;
        foreach (var (at, guesses) in Bursts())
        {
            checks += guesses;
            if (checks >= guess) return at;
        }
        throw new InvalidOperationException("The bursts never end.");
    }

    /// <summary>Guesses checked per hour in the long run (over the second year of an attack).</summary>
    public double SteadyGuessesPerHour => (ChecksWithin(TimeSpan.FromDays(730)) - ChecksWithin(TimeSpan.FromDays(365))) / (365 * 24.0);

    /// <summary>Time by which the attacker has made the mean number of guesses to the first success (1/p).</summary>
    public TimeSpan MeanTimeToSuccess => TimeOfGuess(1 / PerGuess);

    /// <summary>Time by which the attacker has succeeded with probability one half (ln 2 / -ln(1-p) guesses).</summary>
    public TimeSpan MedianTimeToSuccess => TimeOfGuess(Math.Log(2) / -Math.Log(1 - PerGuess));

    /// <summary>Probability of at least one correct guess within <paramref name="period"/>.</summary>
    public double SuccessWithin(TimeSpan period) => 1 - Math.Exp(ChecksWithin(period) * Math.Log(1 - PerGuess));

    /// <summary>Probability that at least one of <paramref name="accounts"/> accounts, each attacked so, falls within <paramref name="period"/>.</summary>
    public double AnyOfWithin(int accounts, TimeSpan period) => 1 - Math.Exp(accounts * ChecksWithin(period) * Math.Log(1 - PerGuess));

    // Each burst: when it starts (from the first guess) and how many guesses it gets checked before the lock it sets.
    private IEnumerable<(TimeSpan At, int Guesses)> Bursts()
    {
        var now = Origin;
        var entry = new AuthEntry(Victim);
        while (true)
        {
            if (!_policy.Budget.IsOpen(entry.BudgetWindowStart, now)) entry = entry with { BudgetWindowStart = now, BudgetFailures = 0 };
            var guesses = Math.Min(_policy.LockingFailure, _policy.Budget.LockingFailure - entry.BudgetFailures);
            var counted = entry with { ConsecutiveFailures = guesses, BudgetFailures = entry.BudgetFailures + guesses };
            var verdict = _policy.LockAfter(counted, now) ?? throw new InvalidOperationException("A full burst always locks.");
            yield return (now - Origin, guesses);
            entry = counted with { ConsecutiveFailures = 0, ConsecutiveLocks = verdict.Locks, LockedUntil = verdict.Until };
            now = verdict.Until;
        }
    }
}
