using Microsoft.Extensions.Time.Testing;
using StsFtw.Core.Totp;

namespace StsFtw.Testing.Load;

/// <summary>
/// A simulated clock for load rounds: it starts ten seconds into the current RFC 6238 time step (so the steps either
/// side are unambiguous) and each round after the first moves it one step on.
/// </summary>
public sealed class SteppedClock
{
    /// <summary>Starts at the current step.</summary>
    public SteppedClock()
    {
        var step = TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow);
        Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds + 10));
    }

    /// <summary>Seconds per RFC 6238 time step.</summary>
    public const int StepSeconds = 30;

    /// <summary>The clock the backend reads.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The step the clock is in.</summary>
    public long CurrentStep => TotpVerifier.TimeStepAt(Time.GetUtcNow());

    /// <summary>Moves to round <paramref name="round"/>'s step (round 0 is the starting step) and returns it.</summary>
    public long EnterRound(int round)
    {
        if (round > 0) Time.Advance(TimeSpan.FromSeconds(StepSeconds));
        return CurrentStep;
    }
}
