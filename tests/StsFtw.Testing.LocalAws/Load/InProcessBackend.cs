using System.Text;
using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Kms;
using StsFtw.Aws.Sns;
using StsFtw.Aws.Sts;
using StsFtw.Core.Broker;
using StsFtw.Core.Credentials;
using StsFtw.Core.Protection;
using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Http;
using StsFtw.Lambda.Logging;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Fixtures;

namespace StsFtw.Testing.Load;

/// <summary>
/// The backend in-process, wired as <c>Composition/Backend</c> wires it (timed ports, the reveal cache over KMS), but
/// with a clock of the caller's choosing: the real <see cref="CredentialEndpoint"/> and broker, the real DynamoDB
/// adapter on dynalite, and the real STS, KMS and SNS clients on the stand-ins. Shared by the load tests and the
/// load benchmark (linked into both).
/// </summary>
public sealed class InProcessBackend : ILoadTarget, IDisposable
{
    private readonly List<IDisposable> _owned = new();
    private readonly CredentialEndpoint _endpoint;
    private readonly StringWriter _log = new();
    private long _requests;

    /// <summary>Wires the backend to <paramref name="rig"/>'s table and stand-ins.</summary>
    public InProcessBackend(LoadRig rig, TimeProvider clock, BrokerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var timer = new AwsCallTimer();
        var dynamo = Own(DynaliteFixture.CreateClient(rig.Dynalite.ServiceUrl));
        options ??= new BrokerOptions { Lockout = LoadRig.Lockout };
        var store = new TimedAuthStore(new DynamoDbAuthStore(dynamo, rig.TableName, options.Lockout), timer);
        var kms = Own(KmsClientFactory.Create(rig.Kms.ServiceUrl, credentials: StandInCredentials.Basic));
        var protector = new CachingSecretProtector(new TimedSecretProtector(new KmsSecretProtector(kms, rig.Kms.KeyId), timer), clock);
        var sts = Own(StsClientFactory.Create(rig.Sts.ServiceUrl, credentials: StandInCredentials.Basic));
        var minter = new TimedCredentialMinter(new StsCredentialMinter(sts, RoleArnPolicy.NamesOnly), timer);
        var snsHttp = Own(SnsHttpClientFactory.Create());
        var audit = new TimedAuditSink(new SnsAuditSink(snsHttp, new SnsAuditSinkOptions(LoadRig.TopicArn)
        {
            ServiceUrl = rig.Sns.BaseUri,
            Credentials = StandInCredentials.Basic,
        }), timer);
        var broker = new CredentialBroker(store, protector, minter, audit, clock, options);
        _endpoint = new CredentialEndpoint(broker, timer, new JsonLog(TextWriter.Synchronized(_log), clock));
    }

    /// <inheritdoc />
    public string Name => "in-process";

    /// <summary>Request lines the endpoint logged.</summary>
    public int LoggedRequests => _log.ToString().Split('\n').Count(line => line.Contains("\"kind\":\"request\"", StringComparison.Ordinal));

    /// <inheritdoc />
    public async Task<LoadReply> SendAsync(string body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestData("POST", "/", new HttpHeaderCollection().Add("content-type", "application/json"),
            Encoding.UTF8.GetBytes(body), "203.0.113.7");
        var id = Interlocked.Increment(ref _requests);
        var response = await _endpoint.HandleAsync(request, new RequestInfo($"load-{id}", "local"), cancellationToken).ConfigureAwait(false);
        return new LoadReply(response.StatusCode, response.Body);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
