using System.Diagnostics;

namespace StsFtw.Testing.Load;

/// <summary>
/// Sends a batch of requests through a fixed number of workers, so exactly <c>concurrency</c> requests are in flight
/// until the batch runs dry. Order of sending is the batch's order (callers shuffle).
/// </summary>
public static class LoadRunner
{
    /// <summary>Sends every request once and returns the answers in the batch's order.</summary>
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(
        ILoadTarget target, IReadOnlyList<LoadRequest> batch, int concurrency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var results = new LoadResult[batch.Count];
        var next = -1;

        async Task WorkAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < batch.Count; i = Interlocked.Increment(ref next))
            {
                var request = batch[i];
                var started = Stopwatch.GetTimestamp();
                var reply = await target.SendAsync(request.Body, cancellationToken).ConfigureAwait(false);
                results[i] = new LoadResult(request, reply.Status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, reply.CarriesCredentials);
            }
        }

        var workers = Enumerable.Range(0, Math.Min(concurrency, Math.Max(1, batch.Count))).Select(_ => Task.Run(WorkAsync, cancellationToken));
        await Task.WhenAll(workers).ConfigureAwait(false);
        return results;
    }
}
