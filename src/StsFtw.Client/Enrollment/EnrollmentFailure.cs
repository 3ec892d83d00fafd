namespace StsFtw.Client.Enrollment;

/// <summary>
/// Why an enrollment step failed, in words fit for the person: the backend's problem <c>detail</c> when it sent one,
/// never the invitation code, a TOTP code or the otpauth URI.
/// </summary>
public sealed record EnrollmentFailure(EnrollmentFailureKind Kind, string Message)
{
    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public int? Status { get; init; }

    /// <summary>The problem's <c>type</c> URI (see <see cref="Core.Wire.ProblemTypes"/>), when the backend sent one.</summary>
    public string? ProblemType { get; init; }

    /// <summary>For <see cref="EnrollmentFailureKind.AccountLocked"/>: how long until the lock ends, when known.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The backend's request id, to quote when asking an operator.</summary>
    public string? Instance { get; init; }
}
