namespace StsFtw.Core.Wire;

/// <summary>
/// Member names of an error body: RFC 9457 problem details (<c>application/problem+json</c>) plus StsFtw's
/// extension members.
/// </summary>
public static class ProblemFields
{
    /// <summary>A stable URI from <see cref="ProblemTypes"/>; clients branch on it.</summary>
    public const string Type = "type";

    /// <summary>A short summary that does not change between occurrences.</summary>
    public const string Title = "title";

    /// <summary>The HTTP status, repeated in the body.</summary>
    public const string Status = "status";

    /// <summary>A sentence for a person; never a secret, never a stack trace.</summary>
    public const string Detail = "detail";

    /// <summary>The request id (<c>urn:stsftw:request:…</c>), to quote when asking an operator.</summary>
    public const string Instance = "instance";

    /// <summary>For invalid requests: one sentence per invalid field (a JSON array of strings).</summary>
    public const string Problems = "problems";

    /// <summary>For a locked account: whole seconds until the lock ends (also sent as the Retry-After header).</summary>
    public const string RetryAfterSeconds = "retryAfterSeconds";
}
