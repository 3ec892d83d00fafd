namespace StsFtw.Lambda.Endpoint;

/// <summary>An RFC 9457 problem before it is written: a stable type, a status and a sentence for a person.</summary>
/// <param name="Type">A URI from <see cref="Core.Wire.ProblemTypes"/>.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Title">A short summary that does not vary.</param>
/// <param name="Detail">What went wrong in this request; never a secret, never a stack trace.</param>
public sealed record Problem(string Type, int Status, string Title, string Detail)
{
    /// <summary>For invalid requests, one sentence per invalid field.</summary>
    public IReadOnlyList<string> Problems { get; init; } = Array.Empty<string>();

    /// <summary>For a locked account, when to try again.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
