using System.Diagnostics;
using StsFtw.Testing.Lambda;

namespace StsFtw.Lambda.Bench.ColdStart;

/// <summary>
/// Notes when the runtime first asked the Runtime API stand-in for an event. The stand-in counts those requests but
/// does not stamp them, so a thread polls the count about once a millisecond and takes the midpoint of the last poll
/// that saw none and the first that saw one (error within about ±0.6 ms). Sleeping, not spinning, so the two-core
/// machine is left to the process being measured.
/// </summary>
public sealed class NextRequestWatch : IDisposable
{
    private readonly RuntimeApiStandIn _runtimeApi;
    private readonly Thread _thread;
    private volatile bool _stopped;
    private long _firstTimestamp;

    /// <summary>Starts watching <paramref name="runtimeApi"/>.</summary>
    public NextRequestWatch(RuntimeApiStandIn runtimeApi)
    {
        _runtimeApi = runtimeApi;
        _thread = new Thread(Poll) { IsBackground = true, Name = "next-request-watch", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>The estimated moment of the first GET (<see cref="Stopwatch"/> ticks), or 0 if none came yet.</summary>
    public long FirstTimestamp => Interlocked.Read(ref _firstTimestamp);

    /// <inheritdoc />
    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }

    private void Poll()
    {
        var lastEmpty = Stopwatch.GetTimestamp();
        while (!_stopped)
        {
            if (_runtimeApi.NextRequests > 0)
            {
                var seen = Stopwatch.GetTimestamp();
                Interlocked.Exchange(ref _firstTimestamp, lastEmpty + (seen - lastEmpty) / 2);
                return;
            }
            lastEmpty = Stopwatch.GetTimestamp();
            Thread.Sleep(1);
        }
    }
}
