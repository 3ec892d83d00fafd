using StsFtw.Core.Validation;

namespace StsFtw.Client.Enrollment;

/// <summary>
/// When and how to ask the person for a current code of the device an invitation replaces (docs/INVITATIONS.md,
/// "States", rotation). The clients ask on the terminal, masked, so the code never sits in the process list or a shell's
/// history; they ask only after the endpoint said it needs one (a lost-device invitation never does), and only a
/// bounded number of times, because every wrong code counts as a failed sign-in.
/// </summary>
public static class OldDeviceCode
{
    /// <summary>How many codes of the old device the person may type.</summary>
    public const int Attempts = 3;

    /// <summary>The prompt, without its trailing ": " (each host adds its own).</summary>
    public const string Prompt = "Code of the device you are replacing";

    /// <summary>
    /// True when <paramref name="started"/> asks for the old device's code, the caller did not give one (a code given
    /// up front is the caller's answer, right or wrong), and the person has been asked fewer than <see cref="Attempts"/> times.
    /// </summary>
    public static bool ShouldAsk(EnrollmentResult<PendingEnrollment> started, bool givenByCaller, int askedSoFar)
    {
        if (started is null) throw new ArgumentNullException(nameof(started));
        return !started.Succeeded && started.Failure!.Kind == EnrollmentFailureKind.DeviceCodeRequired && !givenByCaller && askedSoFar < Attempts;
    }

    /// <summary>Null when <paramref name="typed"/> may be sent, else why not (a typo costs no counted failure this way).</summary>
    public static string? CheckTyped(string? typed) => InputRules.CheckTotpCode(typed, "The code");

    /// <summary>The line shown before asking again after the endpoint refused a typed code.</summary>
    public static string NotAccepted(int askedSoFar) =>
        $"That code was not accepted; it counts as a failed sign-in. Type the code the old device shows now ({Attempts - askedSoFar} left).";

    /// <summary>
    /// The failure to report after asking: the endpoint's own when the person was never asked, else one that says what
    /// the person can still do.
    /// </summary>
    public static EnrollmentFailure Explain(EnrollmentFailure failure, int asked)
    {
        if (failure is null) throw new ArgumentNullException(nameof(failure));
        if (failure.Kind != EnrollmentFailureKind.DeviceCodeRequired || asked == 0) return failure;
        return new EnrollmentFailure(failure.Kind,
            $"No code of the device you are replacing was accepted ({asked} tried). Nothing was enrolled and the invitation still stands: try again when the old device shows a new code, or ask your admin for a lost-device invitation if you no longer have it.")
        {
            Status = failure.Status,
            ProblemType = failure.ProblemType,
            Instance = failure.Instance,
        };
    }
}
