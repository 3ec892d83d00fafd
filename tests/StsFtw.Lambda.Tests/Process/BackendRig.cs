using System.Text.Json;
using StsFtw.Aws.Kms;
using StsFtw.Core.Accounts;
using StsFtw.Core.Totp;
using StsFtw.Lambda.Configuration;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Enrollment;
using StsFtw.Testing.Fakes;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Hygiene;
using StsFtw.Testing.Lambda;

namespace StsFtw.Lambda.Tests.Process;

/// <summary>
/// Everything the real backend process talks to: dynalite with a fresh auth table, the STS/KMS/SNS stand-ins and a
/// Runtime API stand-in. Entries are enrolled through Core (KMS-protected, conditional put) as an admin would.
/// </summary>
internal sealed class BackendRig : IAsyncDisposable
{
    public const string Issuer = "Example Corp";
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";

    private readonly List<LambdaProcess> _processes = new();
    private readonly long _exceptionsFrom = ExceptionCapture.Mark();

    private BackendRig(DynaliteFixture dynalite, string tableName)
    {
        Ledger.Remember(SecretKind.SecretAccessKey, StandInCredentials.SecretAccessKey);
        Dynalite = dynalite;
        TableName = tableName;
        Table = new AuthTableStores(dynalite.Client, tableName);
        KmsClient = KmsClientFactory.Create(Kms.ServiceUrl, credentials: StandInCredentials.Basic);
    }

    public DynaliteFixture Dynalite { get; }

    public string TableName { get; }

    public AuthTableStores Table { get; }

    public Amazon.KeyManagementService.AmazonKeyManagementServiceClient KmsClient { get; }

    public KmsStandIn Kms { get; } = new();

    public StsStandIn Sts { get; } = new();

    public SnsStandIn Sns { get; } = new() { SecretAccessKey = StandInCredentials.SecretAccessKey };

    public RuntimeApiStandIn RuntimeApi { get; } = new();

    /// <summary>Every secret this rig made or saw: what the processes print and the audit topic receives is checked against it.</summary>
    public SecretLedger Ledger { get; } = new();

    public static async Task<BackendRig> StartAsync(DynaliteFixture dynalite, string purpose) => new(dynalite, await dynalite.CreateAuthTableAsync(purpose));

    /// <summary>The environment a deployment would give the function, pointed at the local servers.</summary>
    public Dictionary<string, string?> Environment(bool withTable = true)
    {
        var environment = LoopbackAwsEnvironment.For(withTable ? TableName : null, Dynalite.ServiceUrl, Kms, Sts, Sns, TopicArn);
        environment[SettingNames.RuntimeApi] = RuntimeApi.Address;
        return environment;
    }

    public LambdaProcess Start(string executable, IReadOnlyDictionary<string, string?>? environment = null, params string[] arguments)
    {
        var process = LambdaProcess.Start(executable, environment ?? Environment(), arguments);
        _processes.Add(process);
        return process;
    }

    public async Task<TotpSecret> EnrollAsync(string name, string[]? roles = null, string[]? secondaries = null)
    {
        var key = await AdminEnrollment.EnrollAsync(
            Table, new KmsSecretProtector(KmsClient, Kms.KeyId), new AccountKey(Issuer, name), roles ?? new[] { "Developer" }, secondaries);
        Ledger.RememberKey(key);
        return key.Secret;
    }

    /// <summary>What the phone shows now; remembered so the log can be checked for it.</summary>
    public string CodeNow(TotpSecret secret) => Remember(PhoneCodes.At(secret, DateTimeOffset.UtcNow));

    public string WrongCode(TotpSecret secret) => Remember(PhoneCodes.WrongAt(secret, DateTimeOffset.UtcNow));

    public static string Body(string account, string code, string role = "Developer", string? secondary = null, string? secondaryCode = null,
        int? durationSeconds = null)
    {
        var members = new Dictionary<string, object?>
        {
            ["Issuer"] = Issuer,
            ["AccountName"] = account,
            ["TOTPCode"] = code,
            ["SecondaryAccountName"] = secondary,
            ["SecondaryTOTPCode"] = secondaryCode,
            ["Role"] = role,
        };
        if (durationSeconds is { } seconds) members["DurationSeconds"] = seconds;
        return JsonSerializer.Serialize(members);
    }

    /// <summary>Remembers the credentials a response carried, so the log can be checked for them.</summary>
    public JsonElement Credentials(string httpBody)
    {
        var credentials = JsonDocument.Parse(httpBody).RootElement.Clone();
        Ledger.Remember(SecretKind.SecretAccessKey, credentials.GetProperty("SecretAccessKey").GetString());
        Ledger.Remember(SecretKind.SessionToken, credentials.GetProperty("SessionToken").GetString());
        return credentials;
    }

    /// <summary>
    /// No code, TOTP secret, otpauth URI, secret key or session token in anything a process printed or the audit topic
    /// received. Also run when the rig is disposed, so every test that starts a process is checked.
    /// </summary>
    public void AssertLogsHoldNoSecret()
    {
        foreach (var process in _processes)
        {
            SecretHygiene.AssertClean("lambda process stdout", process.Output, Ledger);
            SecretHygiene.AssertClean("lambda process stderr", process.Errors, Ledger);
        }
        SecretHygiene.AssertClean("runtime API error reports and problem answers",
            RuntimeApi.Replies.Where(r => !CarriesCredentials(r)).Select(r => r.Body), Ledger);
        SecretHygiene.AssertClean("audit messages (SNS stand-in)",
            Sns.CallsTo(SnsStandIn.Publish).SelectMany(c => new[] { c["Subject"], c["Message"] }), Ledger);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        RuntimeApi.Dispose();
        KmsClient.Dispose();
        Kms.Dispose();
        Sts.Dispose();
        Sns.Dispose();
        AssertLogsHoldNoSecret();
        SecretHygiene.AssertClean("exception messages (test process, first chance)", ExceptionCapture.MessagesSince(_exceptionsFrom), Ledger);
    }

    // A 200 answer carries credentials on purpose; everything else the runtime sends must not.
    private static bool CarriesCredentials(RuntimeReply reply) =>
        reply.Kind == RuntimeReplyKind.Response && reply.Body.Contains("\"statusCode\":200", StringComparison.Ordinal);

    private string Remember(string code)
    {
        Ledger.Remember(SecretKind.Code, code);
        return code;
    }
}
