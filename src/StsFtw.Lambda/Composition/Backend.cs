using Amazon;
using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Kms;
using StsFtw.Aws.Sns;
using StsFtw.Aws.Sts;
using StsFtw.Core.Broker;
using StsFtw.Core.Hosting;
using StsFtw.Core.Invitations;
using StsFtw.Core.Protection;
using StsFtw.Lambda.Configuration;
using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Logging;

namespace StsFtw.Lambda.Composition;

/// <summary>
/// Wires the backend once per process: the AWS clients (reused by every invocation), the adapters, the broker and
/// the endpoint. Endpoints come from the SDKs' own resolution, so <c>AWS_ENDPOINT_URL_*</c> points it at local servers.
/// </summary>
public sealed class Backend : IDisposable
{
    private readonly List<IDisposable> _owned = new();

    private Backend(BackendSettings settings, IEnvironmentVariables environment, JsonLog log, TimeProvider clock)
    {
        Settings = settings;
        var region = RegionEndpoint.GetBySystemName(settings.Region);
        var timer = new AwsCallTimer();

        var dynamo = Own(AuthTableClientFactory.Create(region: region));
        var store = new TimedAuthStore(new DynamoDbAuthStore(dynamo, settings.TableName, settings.Broker.Lockout), timer);

        ISecretProtector protector = new PlaintextSecretProtector();
        if (settings.KmsKeyId is not null)
        {
            var kms = Own(KmsClientFactory.Create(region: region));
            protector = new CachingSecretProtector(new TimedSecretProtector(new KmsSecretProtector(kms, settings.KmsKeyId, settings.PlaintextSecrets), timer), clock);
        }

        var sts = Own(StsClientFactory.Create(region: region));
        var minter = new TimedCredentialMinter(new StsCredentialMinter(sts, settings.Broker.RoleArns), timer);

        var snsHttp = Own(SnsHttpClientFactory.Create());
        var audit = new TimedAuditSink(new SnsAuditSink(snsHttp, new SnsAuditSinkOptions(settings.AuditTopicArn)
        {
            ServiceUrl = SnsEndpoint.FromEnvironment(environment.Get),
        }), timer);

        var broker = new CredentialBroker(store, protector, minter, audit, clock, settings.Broker);
        var invitations = new TimedInvitationStore(new DynamoDbInvitationStore(dynamo, settings.TableName, clock), timer);
        var enrollment = new EnrollmentBroker(invitations, store, protector, audit, clock, settings.Broker);
        Endpoint = new CredentialEndpoint(broker, timer, log, new EnrollmentEndpoint(enrollment));
    }

    /// <summary>The settings it was built from.</summary>
    public BackendSettings Settings { get; }

    /// <summary>The HTTP face of the broker.</summary>
    public CredentialEndpoint Endpoint { get; }

    /// <summary>Reads the settings from <paramref name="environment"/> and wires everything; throws <see cref="ConfigurationException"/>.</summary>
    public static Backend Create(IEnvironmentVariables environment, JsonLog log, TimeProvider clock) =>
        new(BackendSettingsReader.Read(environment), environment, log, clock);

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
