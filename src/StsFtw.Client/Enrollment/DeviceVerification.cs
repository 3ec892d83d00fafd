using StsFtw.Core.Totp;

namespace StsFtw.Client.Enrollment;

/// <summary>
/// Proves a freshly enrolled authenticator works: two codes of consecutive 30-second steps, each accepted by the
/// RFC 6238 verifier at the moment it was typed. Two codes rather than one show the phone's clock and the secret are
/// both right, as AWS does for virtual MFA devices.
/// </summary>
public static class DeviceVerification
{
    /// <summary>Null when the codes prove the device, else why not (never echoing a code).</summary>
    public static string? Check(TotpSecret secret, string? first, DateTimeOffset firstTypedAt, string? second, DateTimeOffset secondTypedAt)
    {
        if (Core.Validation.InputRules.CheckTotpCode(first, "The first code") is { } firstProblem) return firstProblem;
        if (Core.Validation.InputRules.CheckTotpCode(second, "The second code") is { } secondProblem) return secondProblem;
        var firstStep = TotpVerifier.Verify(secret, first!, firstTypedAt);
        if (firstStep is null) return "The first code does not match the new secret (is the phone's clock right?).";
        var secondStep = TotpVerifier.Verify(secret, second!, secondTypedAt);
        if (secondStep is null) return "The second code does not match the new secret.";
        return secondStep == firstStep + 1 ? null : "The two codes are not consecutive: wait for the code to change, then type the new one.";
    }
}
