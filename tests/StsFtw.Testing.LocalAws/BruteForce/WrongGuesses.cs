using StsFtw.Core.Totp;

namespace StsFtw.Testing.BruteForce;

/// <summary>
/// The attacker's codes: 000000, 000001, ... skipping any code the verifier would accept at that moment, so a run
/// measures the throttle and never ends by luck. (The odds of luck are computed in <see cref="GuessOdds"/>.)
/// </summary>
public sealed class WrongGuesses(TotpSecret secret)
{
    private int _next;

    /// <summary>The next code that is wrong at <paramref name="now"/>.</summary>
    public string Next(DateTimeOffset now)
    {
        var step = TotpVerifier.TimeStepAt(now);
        var valid = new HashSet<string>(StringComparer.Ordinal);
        for (var s = step - TotpVerifier.NetworkDelaySteps; s <= step + TotpVerifier.NetworkDelaySteps; s++) valid.Add(TotpVerifier.ComputeCode(secret, s));
        while (true)
        {
            var code = (_next++ % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (!valid.Contains(code)) return code;
        }
    }
}
