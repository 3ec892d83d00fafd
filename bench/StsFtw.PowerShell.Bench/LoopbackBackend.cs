using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StsFtw.PowerShell.Bench;

/// <summary>
/// A loopback stand-in for the credential endpoint: every POST is answered 200 with the same credentials JSON, so
/// the end-to-end variant measures pwsh, the module and one HTTP round trip, not DynamoDB or STS.
/// </summary>
public sealed class LoopbackBackend : IDisposable
{
    /// <summary>The access key id every answer carries (the end-to-end variant checks its output for it).</summary>
    public const string AccessKeyId = "ASIABENCHEXAMPLE0001";

    // Shaped as AWS issues credentials (the client refuses anything else), expiring an hour after each answer.
    private static byte[] Answer() => Encoding.UTF8.GetBytes(
        "{\"AccessKeyId\":\"" + AccessKeyId + "\",\"SecretAccessKey\":\"benchSecretKeyEXAMPLE/0123456789+abcdefg\",\"SessionToken\":\"FwoGZXIvYXdzEBenchSessionToken/EXAMPLE+token==\",\"Expiration\":\""
        + DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "\"}");

    private readonly HttpListener _listener = new();
    private int _requests;

    /// <summary>Listens on a free loopback port.</summary>
    public LoopbackBackend()
    {
        Url = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>The endpoint URL (http:// to loopback, which the module accepts).</summary>
    public string Url { get; }

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <inheritdoc />
    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            await context.Request.InputStream.CopyToAsync(Stream.Null).ConfigureAwait(false);
            var answer = Answer();
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer).ConfigureAwait(false);
            context.Response.Close();
            Interlocked.Increment(ref _requests);
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
