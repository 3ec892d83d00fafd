using StsFtw.Lambda.Bench.Measurement;
using StsFtw.Lambda.Bench.Rig;

namespace StsFtw.Lambda.Bench.Scale;

/// <summary>One pass over the measured accounts against one table.</summary>
/// <param name="Pass">Which pass: the first request per account (reveal-cache miss) or a repeat.</param>
/// <param name="TableEntries">Entries in the table.</param>
/// <param name="ClientMilliseconds">Latency as the HTTP client saw it.</param>
/// <param name="ServerMilliseconds">The backend's own <c>totalMs</c>.</param>
/// <param name="Logs">The requests' log lines.</param>
/// <param name="NotIssued">Requests that did not end in credentials (0 expected).</param>
public sealed record ScalePass(string Pass, int TableEntries, Summary ClientMilliseconds, Summary ServerMilliseconds, IReadOnlyList<RequestLogLine> Logs, int NotIssued);

/// <summary>Everything the scale benchmark measured.</summary>
/// <param name="Passes">Each pass against each table.</param>
/// <param name="CountsByPass">Calls the stand-ins answered during each pass (both tables together), and the requests in it.</param>
/// <param name="SeedTime">How long seeding the large table took.</param>
public sealed record ScaleResult(IReadOnlyList<ScalePass> Passes, IReadOnlyList<(string Pass, int Requests, StandInCounts Counts)> CountsByPass, TimeSpan SeedTime);
