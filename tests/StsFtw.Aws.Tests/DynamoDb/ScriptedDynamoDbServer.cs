using System.Net;
using System.Text;
using StsFtw.Testing.Fixtures;

namespace StsFtw.Aws.Tests.DynamoDb;

/// <summary>
/// A loopback HTTP server that answers every DynamoDB call with one scripted response, for failures dynalite
/// cannot produce (throttling, unprocessed keys). Counts the calls it answered.
/// </summary>
internal sealed class ScriptedDynamoDbServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _calls;

    public ScriptedDynamoDbServer(int status, string body)
    {
        var port = DynaliteFixture.FreeTcpPort();
        ServiceUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(ServiceUrl + "/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                Interlocked.Increment(ref _calls);
                using (var reader = new StreamReader(context.Request.InputStream)) await reader.ReadToEndAsync();
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/x-amz-json-1.0";
                context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
    }

    public string ServiceUrl { get; }

    public int Calls => Volatile.Read(ref _calls);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
