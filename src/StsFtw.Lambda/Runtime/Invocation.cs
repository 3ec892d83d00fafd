namespace StsFtw.Lambda.Runtime;

/// <summary>One invocation handed out by <c>GET /runtime/invocation/next</c>.</summary>
/// <param name="RequestId">The request id, used to answer.</param>
/// <param name="Deadline">When Lambda stops the invocation.</param>
/// <param name="TraceId">The X-Ray trace header, or null.</param>
/// <param name="FunctionArn">The invoked function's ARN, or null.</param>
/// <param name="Payload">The event JSON.</param>
public sealed record Invocation(string RequestId, DateTimeOffset Deadline, string? TraceId, string? FunctionArn, ReadOnlyMemory<byte> Payload);
