namespace StsFtw.Lambda.Logging;

/// <summary>One call to an AWS service during a request, for the request's log line.</summary>
/// <param name="Operation">Service and operation, e.g. <c>dynamodb.GetEntries</c>.</param>
/// <param name="StartedAtMilliseconds">When the call started, counted from the start of the request (shows which calls overlapped).</param>
/// <param name="Milliseconds">Wall-clock time of the call, retries included.</param>
/// <param name="Succeeded">False when it threw.</param>
public sealed record AwsCall(string Operation, double StartedAtMilliseconds, double Milliseconds, bool Succeeded);
