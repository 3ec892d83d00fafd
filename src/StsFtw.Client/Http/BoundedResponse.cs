namespace StsFtw.Client.Http;

/// <summary>Reads an HTTP answer's body with a size bound, for the clients that talk to servers they do not control.</summary>
internal static class BoundedResponse
{
    /// <summary>The whole body, or <see cref="ResponseTooLargeException"/> as soon as it is known to exceed <paramref name="maximumBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, int maximumBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maximumBytes) throw new ResponseTooLargeException();
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maximumBytes) throw new ResponseTooLargeException();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The innermost exception, which names what really failed (a socket error inside an HttpRequestException).</summary>
    public static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null) exception = exception.InnerException;
        return exception;
    }
}

/// <summary>The answer was larger than the caller accepts; its content was not kept.</summary>
internal sealed class ResponseTooLargeException : Exception
{
}
