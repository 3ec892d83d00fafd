using System.Net.Http.Headers;
using System.Text;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Lambda;

namespace StsFtw.Testing.Load;

/// <summary>
/// The real backend process in its local HTTP mode (<c>bootstrap --listen http://127.0.0.1:PORT/</c>), on the real
/// clock, and an HTTP client that talks to it over the loopback.
/// </summary>
public sealed class LocalModeBackend : ILoadTarget, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http;

    private LocalModeBackend(LambdaProcess process, Uri address, string name)
    {
        Process = process;
        Name = name;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The process (its printed lines are kept).</summary>
    public LambdaProcess Process { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Request lines the process logged so far.</summary>
    public int LoggedRequests => Process.Output.Count(line => line.Contains("\"kind\":\"request\"", StringComparison.Ordinal));

    /// <summary>Starts <paramref name="executable"/> (the AOT binary, or the JIT <c>bootstrap.dll</c>) and waits until it listens.</summary>
    public static async Task<LocalModeBackend> StartAsync(string executable, IReadOnlyDictionary<string, string?> environment, string name)
    {
        var address = new Uri($"http://127.0.0.1:{DynaliteFixture.FreeTcpPort()}/");
        var process = LambdaProcess.Start(executable, environment, "--listen", address.ToString());
        try
        {
            await process.WaitForOutputAsync(line => line.Contains("Listening on", StringComparison.Ordinal), StartTimeout).ConfigureAwait(false);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new LocalModeBackend(process, address, name);
    }

    /// <inheritdoc />
    public async Task<LoadReply> SendAsync(string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await _http.PostAsync(string.Empty, content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new LoadReply((int)response.StatusCode, text);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Process.DisposeAsync().ConfigureAwait(false);
    }
}
