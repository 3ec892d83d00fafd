namespace StsFtw.Lambda.Runtime;

/// <summary>The Runtime API answered with an unexpected status.</summary>
/// <param name="message">What was asked and what came back.</param>
/// <param name="statusCode">The status, or null when no answer came.</param>
public sealed class RuntimeApiException(string message, int? statusCode = null) : Exception(message)
{
    /// <summary>The status the Runtime API answered with.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>A 500 from the Runtime API: the runtime should exit promptly.</summary>
    public bool MustExit => StatusCode == 500;

    /// <summary>A 413: the response was too large.</summary>
    public bool PayloadTooLarge => StatusCode == 413;
}
