using StsFtw.Core.Totp;

namespace StsFtw.Core.Invitations;

/// <summary>
/// Checks that two codes are consecutive codes of one secret (RFC 6238): the second within one step of now
/// (<see cref="TotpVerifier.NetworkDelaySteps"/>), the first the step before it. Proves the person's authenticator holds the
/// secret and its clock is right.
/// </summary>
/// <remarks>
/// Every candidate pair is computed and compared, each in constant time, with no early exit. Accepting the matched
/// step only once is the store's job (<see cref="IInvitationStore.TryActivateAsync"/>).
/// </remarks>
public static class ConsecutiveCodes
{
    /// <summary>The second code's time step, or null when the pair matches no candidate.</summary>
    public static long? Verify(TotpSecret secret, string first, string second, DateTimeOffset now)
    {
        if (secret is null) throw new ArgumentNullException(nameof(secret));
        if (first is null) throw new ArgumentNullException(nameof(first));
        if (second is null) throw new ArgumentNullException(nameof(second));

        var current = TotpVerifier.TimeStepAt(now);
        long? matched = null;
        for (var step = current - TotpVerifier.NetworkDelaySteps; step <= current + TotpVerifier.NetworkDelaySteps; step++)
        {
            var firstMatches = TotpVerifier.FixedTimeEquals(TotpVerifier.ComputeCode(secret, step - 1), first);
            var secondMatches = TotpVerifier.FixedTimeEquals(TotpVerifier.ComputeCode(secret, step), second);
            if (firstMatches & secondMatches && matched is null) matched = step;
        }
        return matched;
    }
}
