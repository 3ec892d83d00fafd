using Amazon.DynamoDBv2;
using StsFtw.Sandbox;
using StsFtw.Sandbox.Dynalite;
using StsFtw.Sandbox.Net;

namespace StsFtw.Testing.Fixtures;

/// <summary>
/// One dynalite (src/StsFtw.Sandbox's runner: a free 127.0.0.1 port, in memory, gone with the test process) for a test
/// collection, with uniquely named auth tables on demand; stopped when the collection is done.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private DynaliteServer? _server;

    /// <summary>The endpoint, for example <c>http://127.0.0.1:45123</c>.</summary>
    public string ServiceUrl => Server.ServiceUrl;

    /// <summary>A client for the running server (placeholder credentials, us-east-1, nothing from the environment).</summary>
    public AmazonDynamoDBClient Client => Server.Client;

    private DynaliteServer Server => _server ?? throw new InvalidOperationException("dynalite has not started.");

    /// <summary>A new client for <paramref name="serviceUrl"/> with placeholder credentials; the caller disposes it.</summary>
    public static AmazonDynamoDBClient CreateClient(string serviceUrl, TimeSpan? timeout = null) => DynaliteServer.CreateClient(serviceUrl, timeout);

    /// <summary>A port nothing listens on (bound, then released).</summary>
    public static int FreeTcpPort() => LoopbackPorts.Free();

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _server = await DynaliteServer.StartAsync(SandboxPaths.NodeToolsDirectory, DynaliteServer.DefaultStartupTimeout, CancellationToken.None);

    /// <summary>Creates an empty auth table (the STSFTW key schema) named after <paramref name="purpose"/> plus a unique suffix.</summary>
    public Task<string> CreateAuthTableAsync(string purpose)
    {
        var name = $"{purpose}-{Guid.NewGuid():N}";
        if (name.Length > 255) name = name.Substring(name.Length - 255);
        return Server.CreateAuthTableAsync(name);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
