namespace StsFtw.Lambda.Logging;

/// <summary>The AWS calls of one request; calls made side by side (mint and audit) may record at once.</summary>
public sealed class CallTimings
{
    private readonly List<AwsCall> _calls = new();
    private readonly object _gate = new();

    /// <summary>When the request started (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long StartedTimestamp { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Records one call.</summary>
    public void Record(AwsCall call)
    {
        lock (_gate) _calls.Add(call);
    }

    /// <summary>The calls so far, in the order they finished.</summary>
    public IReadOnlyList<AwsCall> Snapshot()
    {
        lock (_gate) return _calls.ToArray();
    }
}
