namespace StsFtw.Lambda.Endpoint;

/// <summary>Where a request came from, for the response's instance and the log.</summary>
/// <param name="RequestId">The Lambda request id, or the local mode's own.</param>
/// <param name="Channel"><c>alb</c>, <c>function-url</c> or <c>local</c>.</param>
/// <param name="TraceId">The X-Ray trace header, when there is one.</param>
public sealed record RequestInfo(string RequestId, string Channel, string? TraceId = null);
