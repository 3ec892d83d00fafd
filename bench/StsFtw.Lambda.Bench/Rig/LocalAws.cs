using System.Text.Json;
using Amazon.KeyManagementService;
using StsFtw.Aws.Kms;
using StsFtw.Core.Accounts;
using StsFtw.Core.Totp;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Enrollment;
using StsFtw.Testing.Fixtures;

namespace StsFtw.Lambda.Bench.Rig;

/// <summary>
/// AWS on the loopback: dynalite for the auth table, and the STS, KMS and SNS stand-ins. Enrolls accounts through
/// Core exactly as an admin would (KMS-protected secret, conditional put) and gives the backend's environment.
/// </summary>
public sealed class LocalAws : IAsyncDisposable
{
    /// <summary>The issuer every benchmark account belongs to.</summary>
    public const string Issuer = "Example Corp";

    /// <summary>The role every benchmark account may assume.</summary>
    public const string Role = "Developer";

    /// <summary>The audit topic the backend publishes to.</summary>
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";

    private readonly AmazonKeyManagementServiceClient _kmsClient;

    private LocalAws(DynaliteFixture dynalite)
    {
        Dynalite = dynalite;
        _kmsClient = KmsClientFactory.Create(Kms.ServiceUrl, credentials: StandInCredentials.Basic, maxErrorRetry: 0);
        Protector = new KmsSecretProtector(_kmsClient, Kms.KeyId);
    }

    /// <summary>dynalite.</summary>
    public DynaliteFixture Dynalite { get; }

    /// <summary>The KMS stand-in (real AES-GCM ciphertexts bound to the encryption context).</summary>
    public KmsStandIn Kms { get; } = new();

    /// <summary>The STS stand-in.</summary>
    public StsStandIn Sts { get; } = new();

    /// <summary>The SNS stand-in, checking SigV4 signatures.</summary>
    public SnsStandIn Sns { get; } = new() { SecretAccessKey = StandInCredentials.SecretAccessKey };

    /// <summary>Core's KMS protector, for enrolling.</summary>
    public KmsSecretProtector Protector { get; }

    /// <summary>Starts dynalite and the stand-ins.</summary>
    public static async Task<LocalAws> StartAsync()
    {
        var dynalite = new DynaliteFixture();
        await dynalite.InitializeAsync().ConfigureAwait(false);
        return new LocalAws(dynalite);
    }

    /// <summary>Enrolls <paramref name="accountName"/> into <paramref name="tableName"/> through Core and returns the secret the phone holds.</summary>
    public async Task<TotpSecret> EnrollAsync(string tableName, string accountName) =>
        (await AdminEnrollment.EnrollAsync(new AuthTableStores(Dynalite.Client, tableName), Protector, new AccountKey(Issuer, accountName), new[] { Role })
            .ConfigureAwait(false)).Secret;

    /// <summary>The backend's environment for <paramref name="tableName"/>, every AWS endpoint on the loopback.</summary>
    public Dictionary<string, string?> BackendEnvironment(string tableName) => LoopbackAwsEnvironment.For(tableName, Dynalite.ServiceUrl, Kms, Sts, Sns, TopicArn);

    /// <summary>A credential request body as the STSFTW client sends it.</summary>
    public static string RequestBody(string accountName, string code) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["Issuer"] = Issuer,
        ["AccountName"] = accountName,
        ["TOTPCode"] = code,
        ["Role"] = Role,
    }, BenchJson.Default.DictionaryStringString);

    /// <summary>Calls counted by the stand-ins so far.</summary>
    public StandInCounts Counts() => new(
        Kms.CallsTo(KmsStandIn.Decrypt).Count, Sts.CallsTo(StsStandIn.AssumeRole).Count, Sns.CallsTo(SnsStandIn.Publish).Count);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _kmsClient.Dispose();
        Kms.Dispose();
        Sts.Dispose();
        Sns.Dispose();
        await Dynalite.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Calls the KMS, STS and SNS stand-ins have answered.</summary>
public readonly record struct StandInCounts(int KmsDecrypt, int StsAssumeRole, int SnsPublish)
{
    /// <summary>The calls made between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static StandInCounts operator -(StandInCounts after, StandInCounts before) =>
        new(after.KmsDecrypt - before.KmsDecrypt, after.StsAssumeRole - before.StsAssumeRole, after.SnsPublish - before.SnsPublish);
}
