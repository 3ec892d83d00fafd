namespace StsFtw.Lambda.Http;

/// <summary>One HTTP response, before it is shaped for the ALB, the function URL or the local listener.</summary>
/// <param name="StatusCode">The status.</param>
/// <param name="Headers">Response headers (Content-Type among them).</param>
/// <param name="Body">The UTF-8 body text.</param>
public sealed record HttpResponseData(int StatusCode, HttpHeaderCollection Headers, string Body);
