namespace StsFtw.Sandbox.StandIns;

/// <summary>One request as a stand-in received it.</summary>
/// <param name="Action">The operation (Query <c>Action</c> or the JSON target's operation).</param>
/// <param name="Parameters">Decoded parameters (form fields, or flattened JSON fields such as <c>EncryptionContext.issuer</c>).</param>
/// <param name="Headers">Request headers, names case-insensitive.</param>
/// <param name="Body">The raw body as text.</param>
public sealed record RecordedCall(
    string Action, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>A parameter, or null when absent.</summary>
    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>When the stand-in received it (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>), to measure backoff between attempts.</summary>
    public long ReceivedTimestamp { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();
}
