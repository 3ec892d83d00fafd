using StsFtw.Core.Totp;

namespace StsFtw.Testing.Hygiene;

/// <summary>Teaches a <see cref="SecretLedger"/> a TOTP key: its secret, its URI, and every code it shows around the test's clock.</summary>
/// <remarks>Needs StsFtw.Core, so projects that link the hygiene files without Core leave this one out.</remarks>
public static class TotpLedger
{
    // A test that moves its clock by more than a day is not looked after step by step.
    private const long MaximumStepsSpanned = 3000;

    /// <summary>Remembers <paramref name="key"/>'s URI and secret, and its codes from now until the clock's latest reading.</summary>
    public static void RememberKey(this SecretLedger ledger, TotpKey key, Func<DateTimeOffset>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(key);
        ledger.Remember(SecretKind.OtpAuthUri, key.ToUri());
        ledger.RememberSecret(key.Secret, clock);
    }

    /// <summary>Remembers <paramref name="secret"/> and the codes it shows (one step either side of every moment the clock has shown since).</summary>
    public static void RememberSecret(this SecretLedger ledger, TotpSecret secret, Func<DateTimeOffset>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(secret);
        clock ??= () => DateTimeOffset.UtcNow;
        ledger.Remember(SecretKind.TotpSecret, secret.ToBase32());
        var first = TotpVerifier.TimeStepAt(clock());
        ledger.AddCodeSource(() =>
        {
            var now = TotpVerifier.TimeStepAt(clock());
            var from = Math.Min(first, now) - TotpVerifier.NetworkDelaySteps - 1;
            var to = Math.Min(Math.Max(first, now), from + MaximumStepsSpanned) + TotpVerifier.NetworkDelaySteps + 1;
            var codes = new List<string>();
            for (var step = from; step <= to; step++) codes.Add(TotpVerifier.ComputeCode(secret, step));
            return codes;
        });
    }
}
