using OtpNet;

namespace StsFtw.Core.Totp;

/// <summary>
/// Checks a code against a secret per RFC 6238: SHA-1, 6 digits, 30-second steps, and one step of network delay
/// either side (§5.2), so three candidate steps.
/// </summary>
/// <remarks>
/// All three candidates are computed and compared every time, each in constant time, so the time taken does not
/// say which step (if any) matched. The result is the matched time step: accepting a step only once per account
/// (RFC 6238 §5.2, SECURITY.md rule 2) is the caller's job — the auth store does it with a conditional write.
/// </remarks>
public static class TotpVerifier
{
    /// <summary>Steps accepted either side of the current one.</summary>
    public const int NetworkDelaySteps = 1;

    /// <summary>The RFC 6238 time step T for a moment: floor(unix seconds / 30).</summary>
    public static long TimeStepAt(DateTimeOffset moment) =>
        (long)Math.Floor(moment.ToUnixTimeSeconds() / (double)TotpKey.PeriodSeconds);

    /// <summary>Computes the code an authenticator shows during <paramref name="timeStep"/>.</summary>
    public static string ComputeCode(TotpSecret secret, long timeStep)
    {
        if (secret is null) throw new ArgumentNullException(nameof(secret));
        var totp = new OtpNet.Totp(secret.KeyForHmac, TotpKey.PeriodSeconds, OtpHashMode.Sha1, TotpKey.Digits);
        return totp.ComputeTotp(StartOf(timeStep));
    }

    /// <summary>Verifies <paramref name="code"/> at <paramref name="now"/>.</summary>
    /// <returns>The matched time step, or <c>null</c> when no candidate step matches.</returns>
    public static long? Verify(TotpSecret secret, string code, DateTimeOffset now)
    {
        if (secret is null) throw new ArgumentNullException(nameof(secret));
        if (code is null) throw new ArgumentNullException(nameof(code));

        var current = TimeStepAt(now);
        long? matched = null;
        for (var step = current - NetworkDelaySteps; step <= current + NetworkDelaySteps; step++)
        {
            // No early exit: every candidate costs the same whether or not an earlier one matched.
            if (FixedTimeEquals(ComputeCode(secret, step), code) && matched is null)
            {
                matched = step;
            }
        }
        return matched;
    }

    /// <summary>Compares two strings in time that depends only on their lengths.</summary>
    internal static bool FixedTimeEquals(string expected, string actual)
    {
        var difference = expected.Length ^ actual.Length;
        var length = Math.Min(expected.Length, actual.Length);
        for (var i = 0; i < length; i++)
        {
            difference |= expected[i] ^ actual[i];
        }
        return difference == 0;
    }

    private static DateTime StartOf(long timeStep) =>
        DateTimeOffset.FromUnixTimeSeconds(timeStep * TotpKey.PeriodSeconds).UtcDateTime;
}
