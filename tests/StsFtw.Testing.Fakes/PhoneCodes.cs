using StsFtw.Core.Totp;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Testing.Fakes;

/// <summary>What a person's authenticator shows, and a code it surely does not show, at a given moment.</summary>
public static class PhoneCodes
{
    public static string At(TotpSecret secret, DateTimeOffset moment, int stepOffset = 0) =>
        Remembered(TotpVerifier.ComputeCode(secret, TotpVerifier.TimeStepAt(moment) + stepOffset));

    /// <summary>The lowest six-digit code that matches none of the steps the verifier accepts at <paramref name="moment"/>.</summary>
    public static string WrongAt(TotpSecret secret, DateTimeOffset moment)
    {
        var step = TotpVerifier.TimeStepAt(moment);
        var valid = new HashSet<string>(StringComparer.Ordinal);
        for (var s = step - TotpVerifier.NetworkDelaySteps; s <= step + TotpVerifier.NetworkDelaySteps; s++) valid.Add(TotpVerifier.ComputeCode(secret, s));
        for (var candidate = 0; ; candidate++)
        {
            var code = candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (!valid.Contains(code)) return Remembered(code);
        }
    }

    // Every code a test computes is known to the assembly's ledger, so no capture point can show it unnoticed.
    private static string Remembered(string code)
    {
        SecretLedger.Suite.Remember(SecretKind.Code, code);
        return code;
    }
}
