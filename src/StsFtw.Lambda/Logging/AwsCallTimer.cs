using System.Diagnostics;

namespace StsFtw.Lambda.Logging;

/// <summary>
/// Times AWS calls and files them under the request in flight. The AWS adapters are created once per process and
/// shared by concurrent requests (the local mode serves many at once), so the current request's
/// <see cref="CallTimings"/> flows with the async context rather than through the ports.
/// </summary>
public sealed class AwsCallTimer
{
    private readonly AsyncLocal<CallTimings?> _current = new();

    /// <summary>Starts collecting for the calling request; calls made below this point are recorded in the result.</summary>
    /// <remarks>Call it from the request's own flow before the first AWS call (it sets an async-local value).</remarks>
    public CallTimings BeginRequest()
    {
        var timings = new CallTimings();
        _current.Value = timings;
        return timings;
    }

    /// <summary>Runs <paramref name="call"/> and records how long it took.</summary>
    public async Task<T> TimeAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            var result = await call().ConfigureAwait(false);
            succeeded = true;
            return result;
        }
        finally
        {
            if (_current.Value is { } timings)
            {
                var offset = Stopwatch.GetElapsedTime(timings.StartedTimestamp, started).TotalMilliseconds;
                timings.Record(new AwsCall(operation, offset, Stopwatch.GetElapsedTime(started).TotalMilliseconds, succeeded));
            }
        }
    }

    /// <summary>Runs <paramref name="call"/> and records how long it took.</summary>
    public Task TimeAsync(string operation, Func<Task> call) =>
        TimeAsync(operation, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });
}
