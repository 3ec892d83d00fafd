using System.Text;
using System.Text.Json;
using Amazon;
using Microsoft.Extensions.Time.Testing;
using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Kms;
using StsFtw.Aws.Sns;
using StsFtw.Aws.Sts;
using StsFtw.Core.Accounts;
using StsFtw.Core.Broker;
using StsFtw.Core.Credentials;
using StsFtw.Core.Invitations;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Http;
using StsFtw.Lambda.Logging;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Fakes;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Lambda.Tests.Enrollment;

/// <summary>
/// The endpoint in-process, wired as <c>Composition/Backend</c> wires it (timed ports, the KMS cache, the enrollment
/// routes), over dynalite and the KMS, STS and SNS stand-ins, with a clock the test moves. Every answer that is not a
/// 200, every log line and every audit message is checked for secrets, invitation codes included.
/// </summary>
internal sealed class EnrollmentRig : IAsyncDisposable
{
    public const string Issuer = "Example Corp";
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";

    private readonly StringWriter _log = new();
    private readonly List<IDisposable> _owned = new();
    private readonly long _exceptionsFrom = ExceptionCapture.Mark();

    private EnrollmentRig(DynaliteFixture dynalite, string tableName)
    {
        Table = new AuthTableStores(dynalite.Client, tableName, Clock);
        var region = RegionEndpoint.USEast1;
        var timer = new AwsCallTimer();
        var dynamo = Own(AuthTableClientFactory.Create(dynalite.ServiceUrl, region, StandInCredentials.Basic));
        var store = new TimedAuthStore(new DynamoDbAuthStore(dynamo, tableName), timer);
        var kms = Own(KmsClientFactory.Create(Kms.ServiceUrl, region, StandInCredentials.Basic));
        var protector = new CachingSecretProtector(new TimedSecretProtector(new KmsSecretProtector(kms, Kms.KeyId), timer), Clock);
        var sts = Own(StsClientFactory.Create(Sts.ServiceUrl, region, StandInCredentials.Basic));
        var minter = new TimedCredentialMinter(new StsCredentialMinter(sts, RoleArnPolicy.NamesOnly), timer);
        var snsHttp = Own(SnsHttpClientFactory.Create());
        var audit = new TimedAuditSink(new SnsAuditSink(snsHttp, new SnsAuditSinkOptions(TopicArn)
        {
            ServiceUrl = Sns.BaseUri,
            Credentials = StandInCredentials.Basic,
            AttemptTimeout = TimeSpan.FromSeconds(2),
            BaseRetryDelay = TimeSpan.FromMilliseconds(20),
        }), timer);
        var log = new JsonLog(_log, Clock);
        var broker = new CredentialBroker(store, protector, minter, audit, Clock, new BrokerOptions());
        var invitations = new TimedInvitationStore(new DynamoDbInvitationStore(dynamo, tableName, Clock), timer);
        var enrollment = new EnrollmentBroker(invitations, store, protector, audit, Clock, new BrokerOptions());
        Endpoint = new CredentialEndpoint(broker, timer, log, new EnrollmentEndpoint(enrollment));
        _owned.AddRange(new IDisposable[] { Kms, Sts, Sns });
    }

    // Ten seconds into a step, so the steps either side of "now" are unambiguous.
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow) * 30 + 10));

    public KmsStandIn Kms { get; } = new();

    public StsStandIn Sts { get; } = new();

    public SnsStandIn Sns { get; } = new() { SecretAccessKey = StandInCredentials.SecretAccessKey };

    public AuthTableStores Table { get; }

    public CredentialEndpoint Endpoint { get; }

    public SecretLedger Ledger { get; } = new();

    public IReadOnlyList<string> LogLines => _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static async Task<EnrollmentRig> StartAsync(DynaliteFixture dynalite, string purpose) => new(dynalite, await dynalite.CreateAuthTableAsync(purpose));

    public static AccountKey Account(string name) => new(Issuer, name);

    public JsonElement LastLogLine() => JsonDocument.Parse(LogLines[^1]).RootElement.Clone();

    public async Task<string> InviteAsync(string name, bool lostDevice = false, TimeSpan? lifetime = null)
    {
        var (code, grant) = InvitationGrant.Create(Account(name), ["Developer"], [], Clock.GetUtcNow(), lifetime, lostDevice);
        await Table.Invitations.CreateInvitationAsync(grant, CancellationToken.None);
        return Remember(SecretKind.InvitationCode, code.Reveal());
    }

    public string GuessedCode() => Remember(SecretKind.InvitationCode, InvitationCode.Generate().Reveal());

    public string CodeNow(TotpSecret secret, int offset = 0) => Remember(SecretKind.Code, PhoneCodes.At(secret, Clock.GetUtcNow(), offset));

    public void NextStep() => Clock.Advance(TimeSpan.FromSeconds(TotpKey.PeriodSeconds));

    public static string StartBody(string name, string code, string? currentCode = null) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        [EnrollmentFields.Issuer] = Issuer,
        [EnrollmentFields.AccountName] = name,
        [EnrollmentFields.InvitationCode] = code,
        [EnrollmentFields.CurrentCode] = currentCode,
    });

    public static string ConfirmBody(string name, string code, string first, string second) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        [EnrollmentFields.Issuer] = Issuer,
        [EnrollmentFields.AccountName] = name,
        [EnrollmentFields.InvitationCode] = code,
        [EnrollmentFields.FirstCode] = first,
        [EnrollmentFields.SecondCode] = second,
    });

    public static string CredentialBody(string name, string code) =>
        $$"""{"Issuer":"{{Issuer}}","AccountName":"{{name}}","TOTPCode":"{{code}}","SecondaryAccountName":"","SecondaryTOTPCode":"","Role":"Developer"}""";

    public static HttpRequestData Post(string path, string body, string method = "POST", string contentType = "application/json") =>
        new(method, path, new HttpHeaderCollection().Add("content-type", contentType), Encoding.UTF8.GetBytes(body), "203.0.113.7");

    public async Task<HttpResponseData> SendAsync(HttpRequestData request)
    {
        var linesBefore = LogLines.Count;
        var response = await Endpoint.HandleAsync(request, new RequestInfo("req-enroll", "local"), CancellationToken.None);
        if (response.StatusCode != 200) SecretHygiene.AssertClean("problem bodies (in-process enrollment)", [response.Body], Ledger);
        SecretHygiene.AssertClean("JSON log (in-process enrollment)", LogLines.Skip(linesBefore), Ledger);
        return response;
    }

    /// <summary>Start; the answer's key is remembered (its URI and secret must appear nowhere else).</summary>
    public async Task<(HttpResponseData Response, TotpKey? Key)> StartAsync(string name, string code, string? currentCode = null)
    {
        var response = await SendAsync(Post(EnrollmentRoutes.Start, StartBody(name, code, currentCode)));
        if (response.StatusCode != 200) return (response, null);
        var uri = JsonDocument.Parse(response.Body).RootElement.GetProperty(EnrollmentFields.OtpAuthUri).GetString()!;
        var key = OtpAuthUri.Parse(uri);
        Ledger.RememberKey(key, Clock.GetUtcNow);
        return (response, key);
    }

    /// <summary>Start, the two codes the new device shows in this step and the next, confirm.</summary>
    public async Task<(TotpKey Key, HttpResponseData Confirmed)> EnrollAsync(string name, string code)
    {
        var (started, key) = await StartAsync(name, code);
        Assert.Equal(200, started.StatusCode);
        var first = CodeNow(key!.Secret);
        NextStep();
        var confirmed = await SendAsync(Post(EnrollmentRoutes.Confirm, ConfirmBody(name, code, first, CodeNow(key.Secret))));
        return (key, confirmed);
    }

    public static string ProblemType(HttpResponseData response) => JsonDocument.Parse(response.Body).RootElement.GetProperty(ProblemFields.Type).GetString()!;

    public IReadOnlyList<string?> PublishedEventTypes() =>
        Sns.CallsTo(SnsStandIn.Publish).Select(c => c["MessageAttributes.entry.1.Value.StringValue"]).ToArray();

    public ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) owned.Dispose();
        SecretHygiene.AssertClean("audit messages (SNS stand-in, enrollment)", Sns.CallsTo(SnsStandIn.Publish).SelectMany(c => new[] { c["Subject"], c["Message"] }), Ledger);
        SecretHygiene.AssertClean("exception messages (test process, first chance)", ExceptionCapture.MessagesSince(_exceptionsFrom), Ledger);
        return default;
    }

    private string Remember(SecretKind kind, string value)
    {
        Ledger.Remember(kind, value);
        return value;
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
