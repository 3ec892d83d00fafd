using StsFtw.Lambda.Bench.Measurement;

namespace StsFtw.Lambda.Bench.Warm;

/// <summary>The in-process figures for one way of entering the backend.</summary>
/// <param name="Entry">What was called.</param>
/// <param name="Microseconds">Per-request wall time.</param>
/// <param name="BytesAllocatedPerRequest">Mean managed allocation per request, on all threads (the broker starts mint and audit on the thread pool).</param>
/// <param name="NotIssued">Requests that did not end in credentials (0 expected).</param>
/// <param name="FirstQuarterMedian">p50 of the first quarter of the measured requests, in µs.</param>
/// <param name="LastQuarterMedian">p50 of the last quarter, in µs (close to the first when the code was already optimised).</param>
public sealed record InProcessResult(string Entry, Summary Microseconds, double BytesAllocatedPerRequest, int NotIssued,
    double FirstQuarterMedian, double LastQuarterMedian);
