namespace StsFtw.Lambda.Bench.ColdStart;

/// <summary>One cold start: times from process start (milliseconds), peak memory, and the backend's own log line.</summary>
/// <param name="Flavour"><c>AOT</c> or <c>JIT</c>.</param>
/// <param name="TotalMilliseconds">Process start -> the response arrived at the Runtime API stand-in.</param>
/// <param name="InitMilliseconds">Process start -> the first <c>GET invocation/next</c> (±0.6 ms, see <see cref="NextRequestWatch"/>).</param>
/// <param name="Status">The HTTP status inside the response (200 expected).</param>
/// <param name="PeakResidentMegabytes">VmHWM after the first response.</param>
/// <param name="Log">The request's log line, when it was found.</param>
public sealed record ColdStartRun(string Flavour, double TotalMilliseconds, double InitMilliseconds, int Status, double PeakResidentMegabytes,
    Measurement.RequestLogLine? Log)
{
    /// <summary>First <c>GET invocation/next</c> -> the response arrived.</summary>
    public double FirstInvocationMilliseconds => TotalMilliseconds - InitMilliseconds;
}
