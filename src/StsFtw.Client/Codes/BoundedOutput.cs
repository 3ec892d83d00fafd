namespace StsFtw.Client.Codes;

/// <summary>Reads a stream to its end, bounded in size, and gives up as soon as it is cancelled.</summary>
internal static class BoundedOutput
{
    /// <summary>Everything up to the end of <paramref name="stream"/>, or null once more than <paramref name="maximumBytes"/> arrived.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the pending read is abandoned.</exception>
    public static async Task<byte[]?> ReadAsync(Stream stream, int maximumBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maximumBytes + 1];
        var count = 0;
        var cancelled = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken)))
        {
            while (count <= maximumBytes)
            {
                // A pipe read does not always honour the token, so the wait does: a grandchild that keeps the pipe open
                // cannot hold the caller past its deadline.
                var read = stream.ReadAsync(buffer, count, buffer.Length - count, cancellationToken);
                var finished = await Task.WhenAny(read, cancelled.Task).ConfigureAwait(false);
                var got = await finished.ConfigureAwait(false);
                if (got == 0) break;
                count += got;
            }
        }
        if (count > maximumBytes)
        {
            Array.Clear(buffer, 0, buffer.Length);
            return null;
        }
        var output = new byte[count];
        Buffer.BlockCopy(buffer, 0, output, 0, count);
        Array.Clear(buffer, 0, buffer.Length);
        return output;
    }
}
