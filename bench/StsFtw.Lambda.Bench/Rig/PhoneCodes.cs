using StsFtw.Core.Totp;

namespace StsFtw.Lambda.Bench.Rig;

/// <summary>What an authenticator shows, and how long the current RFC 6238 time step has left.</summary>
public static class PhoneCodes
{
    /// <summary>The code for <paramref name="timeStep"/>.</summary>
    public static string For(TotpSecret secret, long timeStep) => TotpVerifier.ComputeCode(secret, timeStep);

    /// <summary>The current time step.</summary>
    public static long CurrentStep => TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow);

    /// <summary>Time until the current step ends.</summary>
    public static TimeSpan LeftInStep()
    {
        var now = DateTimeOffset.UtcNow;
        var next = DateTimeOffset.FromUnixTimeSeconds((TotpVerifier.TimeStepAt(now) + 1) * TotpKey.PeriodSeconds);
        return next - now;
    }

    /// <summary>Waits, if needed, until at least <paramref name="needed"/> is left in the current step.</summary>
    public static async Task WaitForRoomAsync(TimeSpan needed)
    {
        var left = LeftInStep();
        if (left >= needed) return;
        await Task.Delay(left + TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
    }
}
