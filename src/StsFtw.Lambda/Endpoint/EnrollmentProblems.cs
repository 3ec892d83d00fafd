using StsFtw.Core.Broker;
using StsFtw.Core.Invitations;
using StsFtw.Core.Wire;

namespace StsFtw.Lambda.Endpoint;

/// <summary>The one place that maps enrollment outcomes to HTTP statuses and problem types (docs/INVITATIONS.md, "The wire").</summary>
public static class EnrollmentProblems
{
    /// <summary>The problem for an enrollment refusal.</summary>
    public static Problem ForRefusal(EnrollmentRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Reason switch
        {
            EnrollmentRefusalReason.InvalidRequest => new Problem(ProblemTypes.InvalidRequest, 400, "The request is invalid", refusal.Message) { Problems = refusal.Problems },
            EnrollmentRefusalReason.InvitationNotValid => new Problem(ProblemTypes.InvitationNotValid, 401, "The invitation is not valid", refusal.Message),
            EnrollmentRefusalReason.CodesNotValid => new Problem(ProblemTypes.EnrollmentCodesNotValid, 401, "The codes are not valid", refusal.Message),
            EnrollmentRefusalReason.DeviceCodeRequired => new Problem(ProblemTypes.DeviceCodeRequired, 403, "The old device's code is required", refusal.Message),
            EnrollmentRefusalReason.AlreadyRedeemed => new Problem(ProblemTypes.InvitationAlreadyRedeemed, 409, "The invitation was already redeemed", refusal.Message),
            EnrollmentRefusalReason.NotRedeemed => new Problem(ProblemTypes.InvitationNotRedeemed, 409, "The invitation was not redeemed yet", refusal.Message),
            EnrollmentRefusalReason.AccountLocked => new Problem(ProblemTypes.AccountLocked, 429, "The account is locked", refusal.Message) { RetryAfter = refusal.RetryAfter },
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Reason, "Unknown enrollment refusal reason."),
        };
    }

    /// <summary>The problem for a failed outside service (503, as on the credential path): nothing was activated.</summary>
    public static Problem ForDependency(EnrollmentDependencyFailed failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var generic = Problems.ForDependency(new DependencyFailed(failure.Dependency, failure.Message));
        return generic with { Detail = generic.Detail.Replace("No credentials were issued", "No device was enrolled", StringComparison.Ordinal) };
    }
}
