namespace StsFtw.Lambda.Http;

/// <summary>One HTTP request, whichever way it arrived (ALB event, function-URL event, the local listener).</summary>
/// <param name="Method">The method, upper case.</param>
/// <param name="Path">The path, for the log only.</param>
/// <param name="Headers">Header values by name (names compare case-insensitively).</param>
/// <param name="Body">The decoded body.</param>
/// <param name="SourceAddress">The client's address as the edge saw it, or null.</param>
public sealed record HttpRequestData(
    string Method,
    string Path,
    HttpHeaderCollection Headers,
    ReadOnlyMemory<byte> Body,
    string? SourceAddress)
{
    /// <summary>True when the event said the body was base64 and it was not; <see cref="Body"/> is then empty.</summary>
    public bool BodyIsMalformedBase64 { get; init; }
}
