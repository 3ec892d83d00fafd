using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Amazon;
using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Kms;
using StsFtw.Aws.Sns;
using StsFtw.Aws.Sts;
using StsFtw.Core.Accounts;
using StsFtw.Core.Broker;
using StsFtw.Core.Credentials;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Logging;
using StsFtw.Lambda.Runtime;
using StsFtw.Lambda.Tests.Process;
using StsFtw.Lambda.Tests.Runtime;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Enrollment;
using StsFtw.Testing.Fakes;
using StsFtw.Testing.Faults;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Lambda;
using StsFtw.Testing.Timing;

namespace StsFtw.Lambda.Tests.Faults;

/// <summary>
/// The backend in-process, wired as <c>Composition/Backend</c> wires it (the real SDK clients with the production
/// timeouts and retries, the KMS cache, the timed ports, the JSON log), but with explicit endpoints: DynamoDB through
/// a <see cref="FaultProxy"/> in front of dynalite, and the KMS, STS and SNS stand-ins. Each invocation goes through
/// the real <see cref="LambdaBootstrap"/> turn with a Lambda deadline, so the 300 ms response reserve applies.
/// </summary>
internal sealed class FaultRig : IAsyncDisposable
{
    public const string Issuer = BackendRig.Issuer;
    public const string TopicArn = BackendRig.TopicArn;
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:stsftw";

    private readonly StringWriter _log = new();
    private readonly List<string> _secretsSeen = new();
    private readonly List<IDisposable> _owned = new();
    private readonly FakeRuntimeApi _runtimeApi = new();
    private readonly IInvocationHandler _handler;
    private readonly LambdaBootstrap _bootstrap;

    private FaultRig(DynaliteFixture dynalite, string tableName, string? tableUrl)
    {
        Proxy = new FaultProxy(dynalite.ServiceUrl);
        AdminTable = new AuthTableStores(dynalite.Client, tableName);
        AdminKms = Own(KmsClientFactory.Create(Kms.ServiceUrl, credentials: StandInCredentials.Basic));

        var clock = TimeProvider.System;
        var region = RegionEndpoint.USEast1;
        var timer = new AwsCallTimer();
        var dynamo = Own(AuthTableClientFactory.Create(tableUrl ?? Proxy.ServiceUrl, region, StandInCredentials.Basic));
        var store = new TimedAuthStore(new DynamoDbAuthStore(dynamo, tableName), timer);
        var kms = Own(KmsClientFactory.Create(Kms.ServiceUrl, region, StandInCredentials.Basic));
        var protector = new CachingSecretProtector(new TimedSecretProtector(new KmsSecretProtector(kms, Kms.KeyId), timer), clock);
        var sts = Own(StsClientFactory.Create(Sts.ServiceUrl, region, StandInCredentials.Basic));
        var minter = new TimedCredentialMinter(new StsCredentialMinter(sts, RoleArnPolicy.NamesOnly), timer);
        var snsHttp = Own(SnsHttpClientFactory.Create());
        var audit = new TimedAuditSink(
            new SnsAuditSink(snsHttp, new SnsAuditSinkOptions(TopicArn) { ServiceUrl = Sns.BaseUri, Credentials = StandInCredentials.Basic }), timer);
        var log = new JsonLog(_log, clock);
        var broker = new CredentialBroker(store, protector, minter, audit, clock, new BrokerOptions());
        _handler = new HttpInvocationHandler(new CredentialEndpoint(broker, timer, log));
        _bootstrap = new LambdaBootstrap(_runtimeApi, _ => Task.FromResult(_handler), log, clock, _ => { });
    }

    public FaultProxy Proxy { get; }

    /// <summary>The table straight on dynalite, past the proxy: for enrolling and inspecting.</summary>
    public AuthTableStores AdminTable { get; }

    public Amazon.KeyManagementService.AmazonKeyManagementServiceClient AdminKms { get; }

    public KmsStandIn Kms { get; } = new();

    public StsStandIn Sts { get; } = new();

    public SnsStandIn Sns { get; } = new() { SecretAccessKey = StandInCredentials.SecretAccessKey };

    public string LogText => _log.ToString();

    /// <summary>A rig whose backend reaches the table through the fault proxy (or at <paramref name="tableUrl"/>).</summary>
    public static async Task<FaultRig> StartAsync(DynaliteFixture dynalite, string purpose, string? tableUrl = null) =>
        new(dynalite, await dynalite.CreateAuthTableAsync(purpose), tableUrl);

    /// <summary>Enrolls through Core (KMS-protected, conditional put) straight on dynalite.</summary>
    public async Task<TotpSecret> EnrollAsync(string name, string[]? roles = null)
    {
        var key = await AdminEnrollment.EnrollAsync(
            AdminTable, new KmsSecretProtector(AdminKms, Kms.KeyId), new AccountKey(Issuer, name), roles ?? new[] { "Developer" });
        _secretsSeen.Add(key.Secret.ToBase32());
        _secretsSeen.Add(key.ToUri());
        return key.Secret;
    }

    public string CodeNow(TotpSecret secret) => Remember(PhoneCodes.At(secret, DateTimeOffset.UtcNow));

    public string WrongCode(TotpSecret secret) => Remember(PhoneCodes.WrongAt(secret, DateTimeOffset.UtcNow));

    /// <summary>One ALB invocation through the bootstrap's turn, with a Lambda deadline <paramref name="deadline"/> from now.</summary>
    public async Task<FaultAnswer> InvokeAsync(string account, string code, TimeSpan deadline)
    {
        var requestId = Guid.NewGuid().ToString("D");
        var payload = Encoding.UTF8.GetBytes(LambdaEvents.Alb(BackendRig.Body(account, code)));
        await using var lag = SchedulerLagProbe.Start();
        var started = Stopwatch.GetTimestamp();
        _runtimeApi.Queue(new Invocation(requestId, DateTimeOffset.UtcNow + deadline, null, FunctionArn, payload));
        await _bootstrap.InvokeOnceAsync(_handler, CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var schedulerLag = await lag.StopAsync();

        byte[] response;
        lock (_runtimeApi.Responses) response = _runtimeApi.Responses.Single(r => r.RequestId == requestId).Body;
        var alb = JsonDocument.Parse(response).RootElement;
        var httpBody = alb.GetProperty("body").GetString()!;
        var logLine = LogText.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Single(line => line.TryGetProperty("requestId", out var id) && id.GetString() == requestId && line.GetProperty("kind").GetString() == "request");
        if (alb.GetProperty("statusCode").GetInt32() == 200)
        {
            var credentials = JsonDocument.Parse(httpBody).RootElement;
            _secretsSeen.Add(credentials.GetProperty(CredentialResponseFields.SecretAccessKey).GetString()!);
            _secretsSeen.Add(credentials.GetProperty(CredentialResponseFields.SessionToken).GetString()!);
        }
        return new FaultAnswer(requestId, alb.GetProperty("statusCode").GetInt32(), httpBody, elapsed, deadline, schedulerLag, logLine);
    }

    /// <summary>The <c>event_type</c> of every audit publish the SNS stand-in received for one request, in order (failed attempts included).</summary>
    public IReadOnlyList<string> AuditAttempts(string requestId) =>
        Sns.CallsTo(SnsStandIn.Publish)
            .Where(call => call["Message"]?.Contains("Request Id: " + requestId, StringComparison.Ordinal) == true)
            .Select(call => call[$"MessageAttributes.entry.1.Value.StringValue"] ?? "?")
            .ToArray();

    /// <summary>No code, TOTP secret, otpauth URI, secret key or session token in anything the backend logged.</summary>
    public void AssertLogHoldsNoSecret()
    {
        var text = LogText;
        foreach (var secret in _secretsSeen) Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("otpauth", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(StandInCredentials.SecretAccessKey, text, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        Proxy.Dispose();
        foreach (var owned in _owned) owned.Dispose();
        Kms.Dispose();
        Sts.Dispose();
        Sns.Dispose();
        return ValueTask.CompletedTask;
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private string Remember(string code)
    {
        _secretsSeen.Add(code);
        return code;
    }
}

/// <summary>
/// What one faulted invocation answered, how long it took against its deadline (and the worst scheduler lag this
/// machine showed meanwhile), and its log line.
/// </summary>
internal sealed record FaultAnswer(string RequestId, int Status, string HttpBody, TimeSpan Elapsed, TimeSpan Deadline, TimeSpan SchedulerLag, JsonElement Log)
{
    public string? ProblemType =>
        Status == 200 ? null : JsonDocument.Parse(HttpBody).RootElement.GetProperty(ProblemFields.Type).GetString();

    /// <summary>The <c>ok</c> flag of each logged AWS call named <paramref name="call"/>.</summary>
    public IReadOnlyList<bool> LoggedCalls(string call) =>
        Log.GetProperty("awsCalls").EnumerateArray()
            .Where(c => c.GetProperty("call").GetString() == call)
            .Select(c => c.GetProperty("ok").GetBoolean())
            .ToArray();

    public string Outcome => Log.GetProperty("outcome").GetString()!;

    public string? Reason => Log.TryGetProperty("reason", out var reason) ? reason.GetString() : null;

    public string? Detail => Log.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
}
