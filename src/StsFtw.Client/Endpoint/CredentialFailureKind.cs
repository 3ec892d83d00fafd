namespace StsFtw.Client.Endpoint;

/// <summary>Why no credentials came back: one value per problem type of the backend, plus the client's own failures.</summary>
public enum CredentialFailureKind
{
    /// <summary>400: a field is missing, too long or malformed (see <see cref="CredentialFailure.Problems"/>).</summary>
    InvalidRequest,

    /// <summary>401: unknown account, wrong code or a code already used.</summary>
    AuthenticationFailed,

    /// <summary>403: the account needs a co-signer and none was named.</summary>
    SecondaryRequired,

    /// <summary>403: the named co-signer may not co-sign for this account.</summary>
    SecondaryNotPermitted,

    /// <summary>403: the role is not one the account may assume.</summary>
    RoleNotPermitted,

    /// <summary>429: the account or the co-signer is locked; see <see cref="CredentialFailure.RetryAfter"/>.</summary>
    AccountLocked,

    /// <summary>404, 405, 413 or 415: the URL or the request does not fit the endpoint (usually a wrong URL).</summary>
    EndpointMismatch,

    /// <summary>502: STS refused or failed to issue the credentials.</summary>
    CredentialsUnavailable,

    /// <summary>500 or 503: the backend or one of its services is unavailable.</summary>
    ServiceUnavailable,

    /// <summary>No answer within the timeout.</summary>
    TimedOut,

    /// <summary>The endpoint could not be reached (DNS, connection, TLS).</summary>
    Unreachable,

    /// <summary>The answer is not one the protocol allows (wrong content type, malformed body, a redirect).</summary>
    UnexpectedResponse,
}
