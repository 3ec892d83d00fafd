namespace StsFtw.PowerShell.Errors;

/// <summary>The credential endpoint refused or could not be asked; the details a script may branch on.</summary>
public sealed class StsCredentialRequestException : StsFtwException
{
    /// <summary>Creates the exception.</summary>
    public StsCredentialRequestException(string message, int? status, string? problemType, TimeSpan? retryAfter, string[] problems, string? instance)
        : base(message)
    {
        Status = status;
        ProblemType = problemType;
        RetryAfter = retryAfter;
        Problems = problems;
        Instance = instance;
    }

    /// <summary>The HTTP status, or null when no answer arrived.</summary>
    public int? Status { get; }

    /// <summary>The problem's <c>type</c> (<c>urn:stsftw:problem:…</c>), when the backend sent one.</summary>
    public string? ProblemType { get; }

    /// <summary>For a locked account: how long until the lock ends.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>For an invalid request: one sentence per invalid field.</summary>
    public string[] Problems { get; }

    /// <summary>The backend's request id, to quote when asking an operator.</summary>
    public string? Instance { get; }
}
