using System.Net;
using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Http;
using StsFtw.Lambda.Logging;

namespace StsFtw.Lambda.Local;

/// <summary>
/// The local mode: serves the credential endpoint over plain HTTP with <see cref="HttpListener"/>, for development
/// and tests. Requests are served concurrently; each gets the same deadline a Lambda invocation would.
/// </summary>
public sealed class LocalHttpServer(Uri prefix, CredentialEndpoint endpoint, JsonLog log, TimeSpan requestTimeout)
{
    /// <summary>Deadline per request when none is given (a typical function timeout).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Requests handled at once; more wait in the listener's queue.</summary>
    public const int MaximumConcurrentRequests = 256;

    /// <summary>Listens until <paramref name="stop"/> is cancelled. <paramref name="started"/> runs once the listener is up.</summary>
    public async Task RunAsync(Action? started, CancellationToken stop)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add(prefix.ToString());
        listener.Start();
        log.Event("info", $"Listening on {prefix} (local mode).");
        started?.Invoke();
        using var registration = stop.Register(listener.Stop);
        using var slots = new SemaphoreSlim(MaximumConcurrentRequests);
        var inFlight = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (HttpListenerException failure)
            {
                log.Event("error", "The listener failed: " + failure.Message);
                continue;
            }
            await slots.WaitAsync(stop).ConfigureAwait(false);
            inFlight.RemoveAll(t => t.IsCompleted);
            inFlight.Add(ServeAsync(context, slots));
        }
        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task ServeAsync(HttpListenerContext context, SemaphoreSlim slots)
    {
        var requestId = Guid.NewGuid().ToString("D");
        try
        {
            HttpRequestData request;
            try
            {
                request = await ReadAsync(context.Request).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is HttpListenerException or IOException)
            {
                // The body ended before its declared length; whoever is still listening gets a 400.
                log.Event("warning", $"A request body could not be read ({failure.GetType().Name}).", requestId);
                await AnswerOrAbortAsync(context, Responses.For(Problems.Unreadable("The body ended before its declared length."), requestId)).ConfigureAwait(false);
                return;
            }
            using var deadline = new CancellationTokenSource(requestTimeout);
            var response = await endpoint.HandleAsync(request, new RequestInfo(requestId, "local"), deadline.Token).ConfigureAwait(false);
            await WriteAsync(context.Response, response).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is HttpListenerException or IOException or ObjectDisposedException)
        {
            log.Event("warning", $"A client went away mid-request ({failure.GetType().Name}).", requestId);
            context.Response.Abort();
        }
        catch (Exception failure)
        {
            log.Event("error", $"Serving a request failed ({failure.GetType().Name}): {failure.Message}", requestId);
            await AnswerOrAbortAsync(context, Responses.For(Problems.Unexpected(), requestId)).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    // Aborting a response whose headers were not sent yet makes HttpListener send "200 OK" with an empty body, so a
    // failure is answered with its problem whenever the connection still allows it.
    private static async Task AnswerOrAbortAsync(HttpListenerContext context, HttpResponseData response)
    {
        try
        {
            await WriteAsync(context.Response, response).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            context.Response.Abort();
        }
    }

    private static async Task<HttpRequestData> ReadAsync(HttpListenerRequest request)
    {
        var headers = new HttpHeaderCollection();
        foreach (var name in request.Headers.AllKeys)
        {
            if (name is null) continue;
            foreach (var value in request.Headers.GetValues(name) ?? Array.Empty<string>()) headers.Add(name, value);
        }
        // Read one byte past the limit: enough to refuse an oversized body without reading all of it.
        var buffer = new byte[BodyRules.MaximumBodyBytes + 1];
        var length = 0;
        if (request.HasEntityBody)
        {
            int read;
            while (length < buffer.Length && (read = await request.InputStream.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false)) > 0) length += read;
        }
        return new HttpRequestData(request.HttpMethod.ToUpperInvariant(), request.Url?.AbsolutePath ?? "/", headers,
            buffer.AsMemory(0, length), request.RemoteEndPoint?.Address.ToString());
    }

    private static async Task WriteAsync(HttpListenerResponse response, HttpResponseData data)
    {
        response.StatusCode = data.StatusCode;
        response.KeepAlive = true;
        foreach (var (name, value) in data.Headers.Pairs)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)) response.ContentType = value;
            else response.AddHeader(name, value);
        }
        var body = System.Text.Encoding.UTF8.GetBytes(data.Body);
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.OutputStream.Close();
        response.Close();
    }
}
