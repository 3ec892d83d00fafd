using System.Globalization;
using StsFtw.Sandbox.Backend;
using StsFtw.Sandbox.Dynalite;
using StsFtw.Sandbox.Net;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Sandbox;

/// <summary>
/// Everything the sandbox runs, started together and stopped together: dynalite holding the auth table, the STS, KMS
/// and SNS stand-ins, the console federation stand-in, and the backend's local mode pointed at them. Nothing reaches AWS: every endpoint the backend
/// uses is on 127.0.0.1, and it signs with fake keys.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    /// <summary>The issuer people enroll under; authenticator apps show it beside the account.</summary>
    public const string Issuer = "StsFtw-Sandbox";

    /// <summary>The auth table in dynalite.</summary>
    public const string TableName = "stsftw-sandbox";

    /// <summary>The alias of the stand-in's key, as Terraform names the real one (<c>alias/&lt;app_name&gt;</c>).</summary>
    public const string KeyAlias = "alias/stsftw";

    /// <summary>The audit topic the backend publishes to (the SNS stand-in accepts any).</summary>
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:stsftw-sandbox-audit";

    // A stop signal that reaches every process of a terminal's group (Ctrl+C) may end a child a moment before this
    // process hears it; a child's end within this time of a stop is no failure.
    private static readonly TimeSpan StopSignalGrace = TimeSpan.FromMilliseconds(500);

    private readonly KmsStandIn _kms = new(KeyAlias) { RecordsCalls = false };
    private readonly StsStandIn _sts = new() { RecordsCalls = false };
    private readonly SnsStandIn _sns = new() { SecretAccessKey = StandInCredentials.SecretAccessKey, RecordsCalls = false };
    private readonly FederationStandIn _federation;
    private DynaliteServer? _dynalite;
    private BackendProcess? _backend;

    private SandboxHost()
    {
        _federation = new FederationStandIn(_sts);
    }

    /// <summary>DynamoDB (dynalite).</summary>
    public string DynamoDbUrl => Running(_dynalite).ServiceUrl;

    /// <summary>The KMS stand-in.</summary>
    public string KmsUrl => _kms.ServiceUrl;

    /// <summary>The STS stand-in.</summary>
    public string StsUrl => _sts.ServiceUrl;

    /// <summary>The SNS stand-in.</summary>
    public string SnsUrl => _sns.ServiceUrl;

    /// <summary>The console federation endpoint's stand-in (getSigninToken for the sessions the STS stand-in issued).</summary>
    public string FederationUrl => _federation.Endpoint.ToString();

    /// <summary>The credential endpoint, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri Endpoint => Running(_backend).Endpoint;

    /// <summary>The Node.js process running dynalite.</summary>
    public int DynaliteProcessId => Running(_dynalite).ProcessId;

    /// <summary>The backend's process.</summary>
    public int BackendProcessId => Running(_backend).ProcessId;

    /// <summary>
    /// Starts everything, the endpoint on <paramref name="port"/> (null for a free one), handing each line the backend
    /// logs to <paramref name="log"/>. Throws <see cref="SandboxException"/> with a reason a person can act on; whatever
    /// had started is stopped again first.
    /// </summary>
    public static async Task<SandboxHost> StartAsync(int? port, Action<string> log, CancellationToken cancellationToken)
    {
        // Before anything starts: the one prerequisite outside .NET gets its own sentence.
        if (NodeRuntime.Find() is null) throw new SandboxException(NodeRuntime.Missing);
        var host = new SandboxHost();
        try
        {
            host._dynalite = await DynaliteServer.StartAsync(SandboxPaths.NodeToolsDirectory, DynaliteServer.DefaultStartupTimeout, cancellationToken)
                .ConfigureAwait(false);
            await host._dynalite.CreateAuthTableAsync(TableName, cancellationToken).ConfigureAwait(false);
            var endpoint = new Uri($"http://127.0.0.1:{(port ?? LoopbackPorts.Free()).ToString(CultureInfo.InvariantCulture)}/");
            var environment = LoopbackAwsEnvironment.For(TableName, host._dynalite.ServiceUrl, host._kms, host._sts, host._sns, TopicArn);
            host._backend = await BackendProcess.StartAsync(
                SandboxPaths.BackendAssembly, endpoint, environment, log, BackendProcess.DefaultStartupTimeout, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch (SandboxException failure) when (port is not null && failure.Message.Contains("Cannot listen", StringComparison.Ordinal))
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw new SandboxException($"{failure.Message} Choose another port with --port, or leave --port out for a free one.", failure);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Waits until <paramref name="stop"/> is cancelled (null: a normal stop) or a child process ends on its own
    /// (the sentence saying which).
    /// </summary>
    public async Task<string?> WaitAsync(CancellationToken stop)
    {
        var dynalite = Running(_dynalite).Exited;
        var backend = Running(_backend).Exited;
        var stopped = Task.Delay(Timeout.Infinite, stop);
        var first = await Task.WhenAny(dynalite, backend, stopped).ConfigureAwait(false);
        if (first == stopped) return null;
        try
        {
            await Task.Delay(StopSignalGrace, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        return first == dynalite ? "dynalite (DynamoDB) exited on its own." : "The backend exited on its own.";
    }

    /// <summary>Stops the backend, then dynalite, then the stand-ins; each process tree is gone when it returns.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_backend is not null) await _backend.DisposeAsync().ConfigureAwait(false);
        if (_dynalite is not null) await _dynalite.DisposeAsync().ConfigureAwait(false);
        _kms.Dispose();
        _sts.Dispose();
        _sns.Dispose();
        _federation.Dispose();
    }

    private static T Running<T>(T? part) where T : class =>
        part ?? throw new InvalidOperationException("The sandbox has not started.");
}
