using System.Text.Json;
using Amazon.KeyManagementService;
using StsFtw.Aws.Kms;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Enrollment;
using StsFtw.Testing.Fixtures;

namespace StsFtw.Testing.Load;

/// <summary>
/// What a load run talks to: a fresh auth table on dynalite and the STS, KMS and SNS stand-ins. Accounts are enrolled
/// through Core as an admin would (KMS-protected secret, conditional put).
/// </summary>
public sealed class LoadRig : IDisposable
{
    /// <summary>The issuer of every load account.</summary>
    public const string Issuer = "Example Corp";

    /// <summary>The one role every load account may assume.</summary>
    public const string Role = "Developer";

    /// <summary>The audit topic.</summary>
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";

    /// <summary>
    /// The lockout the in-process load runs: the default consecutive limits and a failure budget the workload cannot
    /// spend (its duplicates and replays are failures by design, up to three per account and round; the budget itself is
    /// measured by the brute-force tests). <see cref="LoadShape.CheckFits"/> checks a shape against it.
    /// </summary>
    public static LockoutPolicy Lockout { get; } = new(LockoutPolicy.DefaultFailureLimit, LockoutPolicy.DefaultDuration, LockoutPolicy.DefaultMaximumDuration,
        new FailureBudget(FailureBudget.MaximumFailures, FailureBudget.ShortestWindow));

    private const int EnrollmentConcurrency = 16;

    private readonly AmazonKeyManagementServiceClient _kmsClient;

    private LoadRig(DynaliteFixture dynalite, string tableName)
    {
        Dynalite = dynalite;
        TableName = tableName;
        Table = new AuthTableStores(dynalite.Client, tableName);
        _kmsClient = KmsClientFactory.Create(Kms.ServiceUrl, credentials: StandInCredentials.Basic, maxErrorRetry: 0);
        Protector = new KmsSecretProtector(_kmsClient, Kms.KeyId);
    }

    /// <summary>dynalite.</summary>
    public DynaliteFixture Dynalite { get; }

    /// <summary>The auth table of this run.</summary>
    public string TableName { get; }

    /// <summary>The real adapter on <see cref="TableName"/>, for enrolling and reading back.</summary>
    public AuthTableStores Table { get; }

    /// <summary>Core's KMS protector on the stand-in.</summary>
    public KmsSecretProtector Protector { get; }

    /// <summary>The KMS stand-in.</summary>
    public KmsStandIn Kms { get; } = new();

    /// <summary>The STS stand-in.</summary>
    public StsStandIn Sts { get; } = new();

    /// <summary>The SNS stand-in, checking every SigV4 signature.</summary>
    public SnsStandIn Sns { get; } = new() { SecretAccessKey = StandInCredentials.SecretAccessKey };

    /// <summary>Creates a fresh table named after <paramref name="purpose"/> and starts the stand-ins.</summary>
    public static async Task<LoadRig> StartAsync(DynaliteFixture dynalite, string purpose)
    {
        ArgumentNullException.ThrowIfNull(dynalite);
        return new LoadRig(dynalite, await dynalite.CreateAuthTableAsync(purpose).ConfigureAwait(false));
    }

    /// <summary>Enrolls <paramref name="count"/> accounts named <c>load-00000</c>... and returns them in order.</summary>
    public async Task<IReadOnlyList<LoadAccount>> EnrollAsync(int count, CancellationToken cancellationToken = default)
    {
        var accounts = new LoadAccount[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = EnrollmentConcurrency, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var key = new AccountKey(Issuer, $"load-{i:D5}");
                var totp = await AdminEnrollment.EnrollAsync(Table, Protector, key, new[] { Role }).ConfigureAwait(false);
                accounts[i] = new LoadAccount(key, totp.Secret);
            }).ConfigureAwait(false);
        return accounts;
    }

    /// <summary>The backend process's environment: this table, and every AWS endpoint on the loopback.</summary>
    public Dictionary<string, string?> BackendEnvironment() => LoopbackAwsEnvironment.For(TableName, Dynalite.ServiceUrl, Kms, Sts, Sns, TopicArn);

    /// <summary>A credential request body as the STSFTW client sends it.</summary>
    public static string RequestBody(string accountName, string code) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["Issuer"] = Issuer,
        ["AccountName"] = accountName,
        ["TOTPCode"] = code,
        ["Role"] = Role,
    });

    /// <summary>What the stand-ins have seen so far.</summary>
    public StandInTally Tally() => StandInTally.Of(Sts, Sns, Kms);

    /// <inheritdoc />
    public void Dispose()
    {
        _kmsClient.Dispose();
        Kms.Dispose();
        Sts.Dispose();
        Sns.Dispose();
    }
}
