using System.Net;

namespace StsFtw.Sandbox.Net;

/// <summary>
/// An <see cref="HttpListener"/> on a free 127.0.0.1 port that hands every request to a handler on the thread pool
/// until it is disposed: the plumbing the protocol stand-ins share (and, in the tests, the Runtime API stand-in and the
/// fault proxy).
/// </summary>
public sealed class LoopbackListener : IDisposable
{
    private const int BindAttempts = 10;

    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();

    private LoopbackListener(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Where it answers, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>Cancelled when the listener is disposed; handlers pass it to their own waits.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts listening and serving each request with <paramref name="serve"/>.</summary>
    public static LoopbackListener Start(Func<HttpListenerContext, Task> serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        for (var attempt = 0; ; attempt++)
        {
            var port = LoopbackPorts.Free();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < BindAttempts)
            {
                // Another process took the port between the probe and the bind; try another.
                listener.Close();
                continue;
            }
            var started = new LoopbackListener(listener, port);
            _ = Task.Run(() => started.AcceptLoopAsync(serve));
            return started;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task AcceptLoopAsync(Func<HttpListenerContext, Task> serve)
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }
            catch (Exception exception) when (exception is ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => serve(context));
        }
    }
}
