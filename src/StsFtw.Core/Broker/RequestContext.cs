namespace StsFtw.Core.Broker;

/// <summary>Where a request came from, for the audit trail and the STS session.</summary>
/// <param name="RequestId">The front door's request id (the Lambda request id, or a generated one locally).</param>
/// <param name="SourceAddress">The client's address as the load balancer or function URL reported it.</param>
public sealed record RequestContext(string RequestId, string? SourceAddress);
