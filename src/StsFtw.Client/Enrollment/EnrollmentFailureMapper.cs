using System.Globalization;
using StsFtw.Client.Endpoint;
using StsFtw.Core.Wire;

namespace StsFtw.Client.Enrollment;

/// <summary>
/// Turns a non-200 answer of the enrollment routes into an <see cref="EnrollmentFailure"/>: the problem <c>type</c>
/// decides the kind (the status when there is no type), the problem <c>detail</c> is the message when it is fit to show.
/// </summary>
internal static class EnrollmentFailureMapper
{
    public static EnrollmentFailure FromResponse(int status, ProblemDocument? problem, TimeSpan? retryAfterHeader)
    {
        var kind = KindOf(status, problem?.Type);
        var retryAfter = kind == EnrollmentFailureKind.AccountLocked
            ? retryAfterHeader ?? (problem?.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
            : null;
        var message = CredentialFailureMapper.Printable(problem?.Detail) ?? CredentialFailureMapper.Printable(problem?.Title) ?? DefaultMessage(kind, status);
        var problems = problem?.Problems.Select(CredentialFailureMapper.Printable).Where(p => p is not null).ToArray() ?? Array.Empty<string>();
        if (kind == EnrollmentFailureKind.InvalidRequest && problems.Length > 0) message = message.TrimEnd('.') + ": " + string.Join(" ", problems);
        if (retryAfter is { } wait)
        {
            message = message.TrimEnd('.') + string.Format(CultureInfo.InvariantCulture, ". Try again in {0} min.", (int)Math.Ceiling(wait.TotalMinutes));
        }
        return new EnrollmentFailure(kind, message)
        {
            Status = status,
            ProblemType = problem?.Type,
            RetryAfter = retryAfter,
            Instance = CredentialFailureMapper.Printable(problem?.Instance),
        };
    }

    public static EnrollmentFailureKind KindOf(int status, string? problemType) => problemType switch
    {
        ProblemTypes.InvalidRequest => EnrollmentFailureKind.InvalidRequest,
        ProblemTypes.InvitationNotValid => EnrollmentFailureKind.InvitationNotValid,
        ProblemTypes.DeviceCodeRequired => EnrollmentFailureKind.DeviceCodeRequired,
        ProblemTypes.InvitationAlreadyRedeemed => EnrollmentFailureKind.InvitationAlreadyRedeemed,
        ProblemTypes.InvitationNotRedeemed => EnrollmentFailureKind.InvitationNotRedeemed,
        ProblemTypes.EnrollmentCodesNotValid => EnrollmentFailureKind.CodesNotValid,
        ProblemTypes.AccountLocked => EnrollmentFailureKind.AccountLocked,
        ProblemTypes.MethodNotAllowed or ProblemTypes.PayloadTooLarge or ProblemTypes.UnsupportedMediaType => EnrollmentFailureKind.EndpointMismatch,
        ProblemTypes.InternalError or ProblemTypes.ServiceUnavailable => EnrollmentFailureKind.ServiceUnavailable,
        _ => status switch
        {
            400 => EnrollmentFailureKind.InvalidRequest,
            401 => EnrollmentFailureKind.InvitationNotValid,
            404 or 405 or 413 or 415 => EnrollmentFailureKind.EndpointMismatch,
            429 => EnrollmentFailureKind.AccountLocked,
            >= 500 => EnrollmentFailureKind.ServiceUnavailable,
            _ => EnrollmentFailureKind.UnexpectedResponse,
        },
    };

    private static string DefaultMessage(EnrollmentFailureKind kind, int status) => kind switch
    {
        EnrollmentFailureKind.InvalidRequest => "The endpoint refused the request as invalid.",
        EnrollmentFailureKind.InvitationNotValid => "The invitation is not valid: unknown account, or a wrong, expired or used invitation code. Ask your admin for a new one.",
        EnrollmentFailureKind.DeviceCodeRequired => "This replaces a device: give a current code of the old device.",
        EnrollmentFailureKind.InvitationAlreadyRedeemed => "The invitation was already redeemed. If that was not you, tell your admin at once.",
        EnrollmentFailureKind.InvitationNotRedeemed => "The invitation was not redeemed yet: start the enrollment first.",
        EnrollmentFailureKind.CodesNotValid => "The two codes are not consecutive codes of the new device.",
        EnrollmentFailureKind.AccountLocked => "The account is locked after repeated failures.",
        EnrollmentFailureKind.EndpointMismatch => string.Format(CultureInfo.InvariantCulture, "The endpoint answered HTTP {0}: check the endpoint URL.", status),
        EnrollmentFailureKind.ServiceUnavailable => string.Format(CultureInfo.InvariantCulture, "The enrollment service is unavailable (HTTP {0}).", status),
        _ => string.Format(CultureInfo.InvariantCulture, "The endpoint answered HTTP {0}, which is not part of the protocol.", status),
    };
}
