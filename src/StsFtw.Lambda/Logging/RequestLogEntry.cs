namespace StsFtw.Lambda.Logging;

/// <summary>
/// What one request's log line says. Identity fields hold only values that passed the input rules (otherwise
/// <c>"[invalid]"</c>), so nothing a client typed by mistake — a code in the wrong field, a pasted key — reaches the log.
/// </summary>
public sealed record RequestLogEntry
{
    /// <summary>The Lambda request id (or the local mode's own).</summary>
    public required string RequestId { get; init; }

    /// <summary>The X-Ray trace header, when Lambda gave one.</summary>
    public string? TraceId { get; init; }

    /// <summary><c>alb</c>, <c>function-url</c> or <c>local</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The client's address as the edge saw it.</summary>
    public string? SourceAddress { get; init; }

    /// <summary>The enrollment route (docs/INVITATIONS.md); null for the credential request.</summary>
    public string? Route { get; init; }

    /// <summary>The issuer, if valid.</summary>
    public string? Issuer { get; init; }

    /// <summary>The account, if valid.</summary>
    public string? Account { get; init; }

    /// <summary>The role, if valid.</summary>
    public string? Role { get; init; }

    /// <summary>The co-signer, if valid.</summary>
    public string? Secondary { get; init; }

    /// <summary>What happened: <c>issued</c>, <c>enrollment-started</c>, <c>enrollment-confirmed</c>, <c>refused</c>, <c>rejected</c> (never reached the broker), <c>dependency-failed</c>, <c>deadline</c>, <c>error</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The refusal reason, failed dependency, or rejection, in a word.</summary>
    public string? Reason { get; init; }

    /// <summary>Operators-only detail: which party failed and why (unknown account versus wrong code), or a dependency's error.</summary>
    public string? Detail { get; init; }

    /// <summary>The HTTP status sent.</summary>
    public required int Status { get; init; }

    /// <summary>Every AWS call made, with its latency.</summary>
    public IReadOnlyList<AwsCall> Calls { get; init; } = Array.Empty<AwsCall>();

    /// <summary>Time from receiving the request to having the response.</summary>
    public required double TotalMilliseconds { get; init; }
}
