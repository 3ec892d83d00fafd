using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Time.Testing;
using StsFtw.Aws.Kms;
using StsFtw.Aws.Sns;
using StsFtw.Aws.Sts;
using StsFtw.Core.Accounts;
using StsFtw.Core.Broker;
using StsFtw.Core.Credentials;
using StsFtw.Core.Invitations;
using StsFtw.Core.Totp;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Enrollment;
using StsFtw.Testing.Fakes;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Aws.Tests.Broker;

/// <summary>
/// The broker wired to every real adapter: DynamoDB on dynalite, and the real STS / KMS SDK clients and our SNS
/// client against the loopback stand-ins. Enrollment goes through Core (KMS-encrypted secret, conditional put).
/// </summary>
internal sealed class RealBrokerRig : IAsyncDisposable
{
    public const string Issuer = "Example Corp";
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";

    private readonly List<IDisposable> _owned = new();
    private readonly long _exceptionsFrom = ExceptionCapture.Mark();

    private RealBrokerRig(DynaliteFixture dynalite, string tableName)
    {
        Table = new AuthTableStores(dynalite.Client, tableName, Clock);
        TableName = tableName;
        Dynamo = dynalite.Client;

        var kmsClient = KmsClientFactory.Create(Kms.ServiceUrl, credentials: StandInCredentials.Basic, maxErrorRetry: 0);
        var stsClient = StsClientFactory.Create(Sts.ServiceUrl, credentials: StandInCredentials.Basic, maxErrorRetry: 0);
        var http = SnsHttpClientFactory.Create(TimeSpan.FromSeconds(10));
        _owned.AddRange(new IDisposable[] { kmsClient, stsClient, http, Kms, Sts, Sns });

        Protector = new KmsSecretProtector(kmsClient, Kms.KeyId);
        var minter = new StsCredentialMinter(stsClient, RoleArnPolicy.NamesOnly);
        var audit = new SnsAuditSink(http, new SnsAuditSinkOptions(TopicArn)
        {
            ServiceUrl = Sns.BaseUri,
            Credentials = StandInCredentials.Basic,
            AttemptTimeout = TimeSpan.FromSeconds(2),
            BaseRetryDelay = TimeSpan.FromMilliseconds(20),
        });
        Broker = new CredentialBroker(Table, Protector, minter, audit, Clock, new BrokerOptions());
        Enrollment = new EnrollmentBroker(Table.Invitations, Table, Protector, audit, Clock, new BrokerOptions());
    }

    // Ten seconds into a step, so the steps either side of "now" are unambiguous.
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow) * 30 + 10));

    public KmsStandIn Kms { get; } = new();

    /// <summary>The secrets this rig made or saw; broker messages and audit messages are checked against it.</summary>
    public SecretLedger Ledger { get; } = new();

    public StsStandIn Sts { get; } = new();

    public SnsStandIn Sns { get; } = new() { SecretAccessKey = StandInCredentials.SecretAccessKey };

    public AuthTableStores Table { get; }

    public string TableName { get; }

    public Amazon.DynamoDBv2.IAmazonDynamoDB Dynamo { get; }

    public KmsSecretProtector Protector { get; }

    public CredentialBroker Broker { get; }

    /// <summary>The enrollment routes' broker over the same adapters (docs/INVITATIONS.md).</summary>
    public EnrollmentBroker Enrollment { get; }

    public RequestContext Context { get; } = new("e2e-request", "198.51.100.20");

    public static async Task<RealBrokerRig> StartAsync(DynaliteFixture dynalite, string purpose) =>
        new(dynalite, await dynalite.CreateAuthTableAsync(purpose));

    public static AccountKey Account(string name) => new(Issuer, name);

    /// <summary>Enrolls through Core as an admin would: a fresh key, KMS-protected, written with a conditional put.</summary>
    public async Task<TotpSecret> EnrollAsync(string name, string[]? roles = null, string[]? secondaries = null)
    {
        var key = await AdminEnrollment.EnrollAsync(Table, Protector, Account(name), roles ?? new[] { "Developer" }, secondaries);
        Ledger.RememberKey(key, Clock.GetUtcNow);
        return key.Secret;
    }

    /// <summary>Writes an entry exactly as STSFTW did: plaintext url, roles as a list, no co-signers (NULL).</summary>
    public async Task<TotpSecret> EnrollAsStsftwDidAsync(string name)
    {
        var key = TotpKey.Generate(Issuer, name);
        Ledger.RememberKey(key, Clock.GetUtcNow);
        await Dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                ["issuer"] = new() { S = Issuer },
                ["account_name"] = new() { S = name },
                ["url"] = new() { S = key.ToUri() },
                ["roles"] = new() { L = new List<AttributeValue> { new() { S = "Developer" } } },
                ["secondary_authorization"] = new() { NULL = true },
            },
        });
        return key.Secret;
    }

    public string CodeNow(TotpSecret secret) => PhoneCodes.At(secret, Clock.GetUtcNow());

    public string WrongCode(TotpSecret secret)
    {
        var code = PhoneCodes.WrongAt(secret, Clock.GetUtcNow());
        Ledger.Remember(SecretKind.Code, code);
        return code;
    }

    /// <summary>Asks the broker; the outcome's messages (refusal, dependency failure, or any exception) are checked for secrets.</summary>
    public async Task<BrokerOutcome> AskAsync(string account, string code, string role = "Developer", string? secondary = null, string? secondaryCode = null)
    {
        Ledger.Remember(SecretKind.Code, code);
        Ledger.Remember(SecretKind.Code, secondaryCode);
        BrokerOutcome outcome;
        try
        {
            outcome = await Broker.RequestCredentialsAsync(new CredentialRequest(Issuer, account, code, role, secondary, secondaryCode), Context, CancellationToken.None);
        }
        catch (Exception failure)
        {
            SecretHygiene.AssertClean("exception messages (broker over real adapters)", SecretHygiene.MessagesOf(failure), Ledger);
            throw;
        }
        switch (outcome)
        {
            case CredentialsIssued issued:
                Ledger.Remember(SecretKind.SecretAccessKey, issued.Credentials.SecretAccessKey);
                Ledger.Remember(SecretKind.SessionToken, issued.Credentials.SessionToken);
                break;
            case RequestRefusal refusal:
                SecretHygiene.AssertClean("refusal messages (broker over real adapters)", [refusal.Message, .. refusal.Problems], Ledger);
                break;
            case DependencyFailed failed:
                SecretHygiene.AssertClean("dependency failure messages (broker over real adapters)", [failed.Message], Ledger);
                break;
        }
        return outcome;
    }

    public IReadOnlyList<string?> PublishedEventTypes() =>
        Sns.CallsTo(SnsStandIn.Publish).Select(c => c["MessageAttributes.entry.1.Value.StringValue"]).ToArray();

    public ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) owned.Dispose();
        SecretHygiene.AssertClean("audit messages (SNS stand-in, broker over real adapters)",
            Sns.CallsTo(SnsStandIn.Publish).SelectMany(c => new[] { c["Subject"], c["Message"] }), Ledger);
        SecretHygiene.AssertClean("exception messages (test process, first chance)", ExceptionCapture.MessagesSince(_exceptionsFrom), Ledger);
        return default;
    }
}
