namespace StsFtw.Client.Enrollment;

/// <summary>Why an enrollment step failed: one value per problem type of the enrollment routes (docs/INVITATIONS.md, "The wire"), plus the client's own failures.</summary>
public enum EnrollmentFailureKind
{
    /// <summary>400: a field is missing, too long or malformed.</summary>
    InvalidRequest,

    /// <summary>401: unknown account, no invitation, or a wrong, expired or used invitation code (deliberately one answer).</summary>
    InvitationNotValid,

    /// <summary>403: a rotation, and the old device's current code is missing or wrong.</summary>
    DeviceCodeRequired,

    /// <summary>409: the invitation was already redeemed (by this person earlier, or by someone who intercepted the code).</summary>
    InvitationAlreadyRedeemed,

    /// <summary>409: confirm before start.</summary>
    InvitationNotRedeemed,

    /// <summary>401: the two codes are not consecutive codes of the new secret.</summary>
    CodesNotValid,

    /// <summary>429: the account is locked after repeated failures; see <see cref="EnrollmentFailure.RetryAfter"/>.</summary>
    AccountLocked,

    /// <summary>404, 405, 413 or 415: the URL or the request does not fit the endpoint (usually a wrong URL).</summary>
    EndpointMismatch,

    /// <summary>500 or 503: the backend or one of its services is unavailable.</summary>
    ServiceUnavailable,

    /// <summary>No answer within the timeout.</summary>
    TimedOut,

    /// <summary>The endpoint could not be reached (DNS, connection, TLS).</summary>
    Unreachable,

    /// <summary>The answer is not one the protocol allows (wrong content type, malformed body, a redirect, a key for another account).</summary>
    UnexpectedResponse,
}
