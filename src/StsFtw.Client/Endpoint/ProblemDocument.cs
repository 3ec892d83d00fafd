namespace StsFtw.Client.Endpoint;

/// <summary>The members of an RFC 9457 problem body the client uses (see <see cref="Core.Wire.ProblemFields"/>).</summary>
internal sealed record ProblemDocument(
    string? Type,
    string? Title,
    string? Detail,
    string? Instance,
    IReadOnlyList<string> Problems,
    int? RetryAfterSeconds);
