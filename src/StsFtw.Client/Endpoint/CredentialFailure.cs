namespace StsFtw.Client.Endpoint;

/// <summary>
/// Why a credential request failed, in words fit for the person who asked: the backend's problem <c>detail</c>
/// when it sent one, never a raw HTTP exchange, a code or a credential.
/// </summary>
public sealed record CredentialFailure(CredentialFailureKind Kind, string Message)
{
    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public int? Status { get; init; }

    /// <summary>The problem's <c>type</c> URI (see <see cref="Core.Wire.ProblemTypes"/>), when the backend sent one.</summary>
    public string? ProblemType { get; init; }

    /// <summary>For <see cref="CredentialFailureKind.InvalidRequest"/>: one sentence per invalid field.</summary>
    public IReadOnlyList<string> Problems { get; init; } = Array.Empty<string>();

    /// <summary>For <see cref="CredentialFailureKind.AccountLocked"/>: how long until the lock ends, when known.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The backend's request id (<c>urn:stsftw:request:…</c>), to quote when asking an operator.</summary>
    public string? Instance { get; init; }
}
