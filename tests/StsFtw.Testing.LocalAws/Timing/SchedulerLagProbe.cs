using System.Diagnostics;

namespace StsFtw.Testing.Timing;

/// <summary>
/// Measures how late this machine runs a due timer and its continuation while a timed step is under way: the worst
/// overshoot of a short periodic wait. A deadline check allows exactly that much, so a CI machine busy with other
/// test processes cannot fail it, while a backend that ignores its deadline still does (the lag on a quiet machine is
/// a few milliseconds).
/// </summary>
public sealed class SchedulerLagProbe : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _worstTicks;

    private SchedulerLagProbe()
    {
        _loop = Task.Run(ProbeAsync);
    }

    /// <summary>The worst lag seen so far.</summary>
    public TimeSpan WorstLag => TimeSpan.FromTicks(Interlocked.Read(ref _worstTicks));

    /// <summary>Starts probing on the thread pool.</summary>
    public static SchedulerLagProbe Start() => new();

    /// <summary>Stops probing and returns the worst lag seen, including the wait still under way.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        return WorstLag;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ProbeAsync()
    {
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await Task.Delay(Interval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A wait cut short by the stop still counts if it had already overrun.
                Record(Stopwatch.GetElapsedTime(started) - Interval);
                return;
            }
            Record(Stopwatch.GetElapsedTime(started) - Interval);
        }
    }

    private void Record(TimeSpan lag)
    {
        var ticks = lag.Ticks;
        var worst = Interlocked.Read(ref _worstTicks);
        while (ticks > worst)
        {
            var seen = Interlocked.CompareExchange(ref _worstTicks, ticks, worst);
            if (seen == worst) return;
            worst = seen;
        }
    }
}
