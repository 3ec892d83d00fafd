namespace StsFtw.Core.Wire;

/// <summary>Content types on the wire.</summary>
public static class MediaTypes
{
    /// <summary>Request bodies and 200 responses.</summary>
    public const string Json = "application/json";

    /// <summary>Error responses (RFC 9457).</summary>
    public const string ProblemJson = "application/problem+json";
}
