using StsFtw.Core.Broker;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Wire;

namespace StsFtw.Lambda.Endpoint;

/// <summary>
/// The one place that maps what happened to an HTTP status and problem type (README.md, "HTTP contract").
/// </summary>
public static class Problems
{
    /// <summary>The problem for a broker refusal.</summary>
    public static Problem ForRefusal(RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Reason switch
        {
            RefusalReason.InvalidRequest => new Problem(ProblemTypes.InvalidRequest, 400, "The request is invalid", refusal.Message) { Problems = refusal.Problems },
            RefusalReason.AuthenticationFailed => new Problem(ProblemTypes.AuthenticationFailed, 401, "Authentication failed", refusal.Message),
            RefusalReason.SecondaryRequired => new Problem(ProblemTypes.SecondaryRequired, 403, "A co-signer is required", refusal.Message),
            RefusalReason.SecondaryNotPermitted => new Problem(ProblemTypes.SecondaryNotPermitted, 403, "The co-signer is not permitted", refusal.Message),
            RefusalReason.RoleNotPermitted => new Problem(ProblemTypes.RoleNotPermitted, 403, "The role is not permitted", refusal.Message),
            RefusalReason.AccountLocked => new Problem(ProblemTypes.AccountLocked, 429, "The account is locked", refusal.Message) { RetryAfter = refusal.RetryAfter },
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Reason, "Unknown refusal reason."),
        };
    }

    /// <summary>The problem for a failed outside service: 502 for STS, 503 for the table, the key and the audit topic.</summary>
    public static Problem ForDependency(DependencyFailed failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Dependency == Dependency.SecurityTokenService
            ? new Problem(ProblemTypes.CredentialsUnavailable, 502, "Credentials could not be issued",
                "AWS STS did not issue the credentials. No credentials were issued; try again later or ask an administrator.")
            : new Problem(ProblemTypes.ServiceUnavailable, 503, "The service is unavailable",
                $"The {Describe(failure.Dependency)} is unavailable. No credentials were issued; try again shortly.");
    }

    /// <summary>The request ran into its deadline.</summary>
    public static Problem DeadlineExceeded() =>
        new(ProblemTypes.ServiceUnavailable, 503, "The service is unavailable",
            "The request did not finish in time. No credentials were issued; try again shortly.");

    /// <summary>Something the backend did not expect; the log has the details.</summary>
    public static Problem Unexpected() =>
        new(ProblemTypes.InternalError, 500, "Internal error",
            "The request failed unexpectedly. No credentials were issued; quote the instance when asking an administrator.");

    /// <summary>Any method but POST.</summary>
    public static Problem MethodNotAllowed() =>
        new(ProblemTypes.MethodNotAllowed, 405, "Method not allowed", "Only POST is served: send the credential request as a JSON body.");

    /// <summary>A body over the limit.</summary>
    public static Problem PayloadTooLarge(int limitBytes) =>
        new(ProblemTypes.PayloadTooLarge, 413, "The body is too large", $"The body must be at most {limitBytes} bytes.");

    /// <summary>A body that is not declared as JSON.</summary>
    public static Problem UnsupportedMediaType() =>
        new(ProblemTypes.UnsupportedMediaType, 415, "Unsupported media type", "The body must be JSON, sent with Content-Type: application/json (UTF-8).");

    /// <summary>A body that cannot be read as a request.</summary>
    public static Problem Unreadable(string problem) =>
        new(ProblemTypes.InvalidRequest, 400, "The request is invalid", problem) { Problems = [problem] };

    private static string Describe(Dependency dependency) => dependency switch
    {
        Dependency.AuthTable => "auth table",
        Dependency.SecretKey => "key service",
        Dependency.AuditTopic => "audit channel",
        _ => "backing service",
    };
}
