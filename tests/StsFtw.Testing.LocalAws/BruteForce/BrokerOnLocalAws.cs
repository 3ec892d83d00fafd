using Amazon.KeyManagementService;
using Amazon.SecurityToken;
using Microsoft.Extensions.Time.Testing;
using StsFtw.Aws.Kms;
using StsFtw.Aws.Sns;
using StsFtw.Aws.Sts;
using StsFtw.Core.Accounts;
using StsFtw.Core.Broker;
using StsFtw.Core.Credentials;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Enrollment;
using StsFtw.Testing.Fixtures;

namespace StsFtw.Testing.BruteForce;

/// <summary>
/// The real broker for a brute-force run: the DynamoDB adapter on a fresh dynalite table, KMS, STS and SNS on the
/// stand-ins, a simulated clock, and a lockout policy of the caller's choosing. There is deliberately no reveal
/// cache: every code the broker checks costs exactly one KMS Decrypt, so the KMS stand-in counts checked guesses
/// independently of the broker's own answers.
/// </summary>
public sealed class BrokerOnLocalAws : IDisposable
{
    /// <summary>The issuer of every account.</summary>
    public const string Issuer = "Example Corp";

    /// <summary>The audit topic.</summary>
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";

    private readonly AmazonKeyManagementServiceClient _kmsClient;
    private readonly AmazonSecurityTokenServiceClient _stsClient;
    private readonly HttpClient _snsHttp;

    private BrokerOnLocalAws(DynaliteFixture dynalite, string tableName, LockoutPolicy policy, Func<IAuthStore, IAuthStore>? decorateStore)
    {
        Dynalite = dynalite;
        TableName = tableName;
        Policy = policy;
        var step = TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow);
        Clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(step * 30 + 10));
        Table = new AuthTableStores(dynalite.Client, tableName, Clock, policy);
        _kmsClient = KmsClientFactory.Create(Kms.ServiceUrl, credentials: StandInCredentials.Basic, maxErrorRetry: 0);
        _stsClient = StsClientFactory.Create(Sts.ServiceUrl, credentials: StandInCredentials.Basic, maxErrorRetry: 0);
        _snsHttp = SnsHttpClientFactory.Create();
        Protector = new KmsSecretProtector(_kmsClient, Kms.KeyId);
        var audit = new SnsAuditSink(_snsHttp, new SnsAuditSinkOptions(TopicArn) { ServiceUrl = Sns.BaseUri, Credentials = StandInCredentials.Basic });
        Broker = new CredentialBroker(decorateStore is null ? Table : decorateStore(Table), Protector, new StsCredentialMinter(_stsClient, RoleArnPolicy.NamesOnly), audit, Clock,
            new BrokerOptions { Lockout = policy });
    }

    /// <summary>dynalite.</summary>
    public DynaliteFixture Dynalite { get; }

    /// <summary>This run's table.</summary>
    public string TableName { get; }

    /// <summary>The lockout policy the broker enforces.</summary>
    public LockoutPolicy Policy { get; }

    /// <summary>The simulated clock (starts ten seconds into the current time step).</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The real adapter.</summary>
    public AuthTableStores Table { get; }

    /// <summary>Core's KMS protector.</summary>
    public KmsSecretProtector Protector { get; }

    /// <summary>The broker under attack.</summary>
    public CredentialBroker Broker { get; }

    /// <summary>The KMS stand-in: one Decrypt per checked code.</summary>
    public KmsStandIn Kms { get; } = new();

    /// <summary>The STS stand-in.</summary>
    public StsStandIn Sts { get; } = new();

    /// <summary>The SNS stand-in: the audit topic.</summary>
    public SnsStandIn Sns { get; } = new() { SecretAccessKey = StandInCredentials.SecretAccessKey };

    /// <summary>
    /// Creates a fresh table and wires the broker with <paramref name="policy"/>; <paramref name="decorateStore"/> may
    /// wrap the real adapter (to hold a call at a chosen moment), never replace it.
    /// </summary>
    public static async Task<BrokerOnLocalAws> StartAsync(
        DynaliteFixture dynalite, string purpose, LockoutPolicy policy, Func<IAuthStore, IAuthStore>? decorateStore = null)
    {
        ArgumentNullException.ThrowIfNull(dynalite);
        return new BrokerOnLocalAws(dynalite, await dynalite.CreateAuthTableAsync(purpose).ConfigureAwait(false), policy, decorateStore);
    }

    /// <summary>The key of <paramref name="name"/>.</summary>
    public static AccountKey Account(string name) => new(Issuer, name);

    /// <summary>Enrolls <paramref name="name"/> through Core and returns the phone's secret.</summary>
    public async Task<TotpSecret> EnrollAsync(string name) =>
        (await AdminEnrollment.EnrollAsync(Table, Protector, Account(name), new[] { "Developer" }).ConfigureAwait(false)).Secret;

    /// <summary>Asks for credentials with <paramref name="code"/>, from the attacker's address.</summary>
    public Task<BrokerOutcome> AskAsync(string name, string code, CancellationToken cancellationToken = default) =>
        Broker.RequestCredentialsAsync(new CredentialRequest(Issuer, name, code, "Developer", null, null),
            new RequestContext($"attack-{Guid.NewGuid():N}", "198.51.100.66"), cancellationToken);

    /// <summary>What the phone shows now.</summary>
    public string CodeNow(TotpSecret secret) => TotpVerifier.ComputeCode(secret, TotpVerifier.TimeStepAt(Clock.GetUtcNow()));

    /// <summary>KMS Decrypt calls so far: codes the broker checked.</summary>
    public int CodesChecked => Kms.CallsTo(KmsStandIn.Decrypt).Count;

    /// <summary>Audit messages of <paramref name="eventType"/> so far.</summary>
    public int Audited(string eventType) =>
        Sns.CallsTo(SnsStandIn.Publish).Count(call => call["MessageAttributes.entry.1.Value.StringValue"] == eventType);

    /// <inheritdoc />
    public void Dispose()
    {
        _kmsClient.Dispose();
        _stsClient.Dispose();
        _snsHttp.Dispose();
        Kms.Dispose();
        Sts.Dispose();
        Sns.Dispose();
    }
}
