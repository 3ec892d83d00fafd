using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Tests.Process;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Faults;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Lambda;
using StsFtw.Testing.Timing;
using Xunit.Abstractions;

namespace StsFtw.Lambda.Tests.Faults;

/// <summary>
/// A representative subset of the faults end to end: the real <c>bootstrap</c> process (JIT build), configured only
/// through its environment, reaching DynamoDB through the fault proxy, driven through the Runtime API stand-in with a
/// real 4 s Lambda deadline. Proves the answer, its timing against the deadline and the printed log line.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class BackendProcessFaultTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ThrottledTableAnswers503FromTheProcess()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "process-table-throttled");
        using var proxy = new FaultProxy(dynalite.ServiceUrl);
        var alice = await rig.EnrollAsync("alice");
        var process = await StartWarmAsync(rig, proxy);
        var warmReads = proxy.RequestsTo("GetItem").Count;
        proxy.Fail(FaultProxy.AnyOperation, 400, "ProvisionedThroughputExceededException");

        var answer = await InvokeAsync(rig, process, "alice", rig.CodeNow(alice));

        var reads = proxy.RequestsTo("GetItem").Count - warmReads;
        Report("process-table-throttled", answer, reads);
        AssertDocumented(answer, 503, ProblemTypes.ServiceUnavailable, "dependency-failed", "AuthTable", "dynamodb.GetEntries");
        Assert.Equal(3, reads);
        Assert.Empty(rig.Sts.CallsTo(StsStandIn.AssumeRole));
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task StalledTableAnswers503BeforeTheDeadlineFromTheProcess()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "process-table-stalled");
        using var proxy = new FaultProxy(dynalite.ServiceUrl);
        var alice = await rig.EnrollAsync("alice");
        var process = await StartWarmAsync(rig, proxy);
        var warmReads = proxy.RequestsTo("GetItem").Count;
        proxy.Stall(FaultProxy.AnyOperation, TimeSpan.FromSeconds(30));

        var answer = await InvokeAsync(rig, process, "alice", rig.CodeNow(alice));

        var reads = proxy.RequestsTo("GetItem").Count - warmReads;
        Report("process-table-stalled", answer, reads);
        AssertDocumented(answer, 503, ProblemTypes.ServiceUnavailable, "deadline", "deadline-exceeded", "dynamodb.GetEntries");
        Assert.Equal(1, reads);
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task KmsAccessDeniedAnswers503FromTheProcess()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "process-kms-denied");
        using var proxy = new FaultProxy(dynalite.ServiceUrl);
        var alice = await rig.EnrollAsync("alice");
        var process = await StartWarmAsync(rig, proxy);
        rig.Kms.Fail(KmsStandIn.Decrypt, 400, "AccessDeniedException");

        var answer = await InvokeAsync(rig, process, "alice", rig.CodeNow(alice));

        // The warm-up's decoy Decrypt was answered before the fault; alice's is the only one after it.
        Report("process-kms-access-denied", answer, rig.Kms.CallsTo(KmsStandIn.Decrypt).Count - 1);
        AssertDocumented(answer, 503, ProblemTypes.ServiceUnavailable, "dependency-failed", "SecretKey", "kms.Decrypt");
        Assert.Empty(rig.Sts.CallsTo(StsStandIn.AssumeRole));
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task StsThrottlingAnswers502AndAnnouncesTheFailedMintFromTheProcess()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "process-sts-throttled");
        using var proxy = new FaultProxy(dynalite.ServiceUrl);
        var alice = await rig.EnrollAsync("alice");
        var process = await StartWarmAsync(rig, proxy);
        rig.Sts.Throttle(StsStandIn.AssumeRole);

        var answer = await InvokeAsync(rig, process, "alice", rig.CodeNow(alice));

        Report("process-sts-throttled", answer, rig.Sts.CallsTo(StsStandIn.AssumeRole).Count);
        AssertDocumented(answer, 502, ProblemTypes.CredentialsUnavailable, "dependency-failed", "SecurityTokenService", "sts.AssumeRole");
        Assert.Equal(3, rig.Sts.CallsTo(StsStandIn.AssumeRole).Count);
        Assert.Equal(new[] { "CredentialsMinted", "MintFailed" }, AuditEvents(rig, answer.RequestId));
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task StalledAuditWithholdsTheCredentialsBeforeTheDeadlineFromTheProcess()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "process-sns-stalled");
        using var proxy = new FaultProxy(dynalite.ServiceUrl);
        var alice = await rig.EnrollAsync("alice");
        var process = await StartWarmAsync(rig, proxy);
        rig.Sns.Stall(SnsStandIn.Publish, TimeSpan.FromSeconds(30));

        var answer = await InvokeAsync(rig, process, "alice", rig.CodeNow(alice));

        Report("process-audit-stalled", answer, AuditEvents(rig, answer.RequestId).Count);
        AssertDocumented(answer, 503, ProblemTypes.ServiceUnavailable, "deadline", "deadline-exceeded", "sns.Publish");
        Assert.Single(rig.Sts.CallsTo(StsStandIn.AssumeRole));
        rig.AssertLogsHoldNoSecret();
    }

    // The process, pointed at the proxy, after one request so the measured one is not a cold start.
    private static async Task<LambdaProcess> StartWarmAsync(BackendRig rig, FaultProxy proxy)
    {
        var environment = rig.Environment();
        environment["AWS_ENDPOINT_URL_DYNAMODB"] = proxy.ServiceUrl;
        var process = rig.Start(LambdaArtifacts.JitAssembly, environment);
        var warm = await rig.RuntimeApi.Invoke(LambdaEvents.Alb(BackendRig.Body("nobody", "123456"))).WaitAsync(ReplyTimeout);
        Assert.Equal(401, warm.StatusCode);
        return process;
    }

    private static async Task<ProcessAnswer> InvokeAsync(BackendRig rig, LambdaProcess process, string account, string code)
    {
        var requestId = Guid.NewGuid().ToString("D");
        await using var lag = SchedulerLagProbe.Start();
        var sent = Stopwatch.GetTimestamp();
        var reply = await rig.RuntimeApi.Invoke(LambdaEvents.Alb(BackendRig.Body(account, code)), timeout: Deadline, requestId: requestId).WaitAsync(ReplyTimeout);
        // Lambda holds the answer to the deadline when the runtime posts it, so measure to the stand-in's receipt; the
        // wait for this test's own continuation on a busy test machine is not the backend's time.
        var elapsed = Stopwatch.GetElapsedTime(sent, reply.ReceivedTimestamp);
        var schedulerLag = await lag.StopAsync();
        Assert.Equal(RuntimeReplyKind.Response, reply.Kind);
        var line = await process.WaitForOutputAsync(
            l => l.Contains("\"kind\":\"request\"", StringComparison.Ordinal) && l.Contains(requestId, StringComparison.Ordinal), ReplyTimeout);
        return new ProcessAnswer(requestId, reply, elapsed, schedulerLag, JsonDocument.Parse(line).RootElement.Clone());
    }

    private static void AssertDocumented(ProcessAnswer answer, int status, string problemType, string outcome, string reason, string failingCall)
    {
        Assert.Equal((status, problemType), (answer.Reply.StatusCode, answer.Reply.HttpJson().GetProperty(ProblemFields.Type).GetString()));
        Assert.DoesNotContain(CredentialResponseFields.SecretAccessKey, answer.Reply.HttpBody, StringComparison.Ordinal);
        FaultExpectations.AnsweredBeforeTheDeadline(answer.Elapsed, Deadline, answer.SchedulerLag);
        Assert.Equal(outcome, answer.Log.GetProperty("outcome").GetString());
        Assert.Equal(reason, answer.Log.GetProperty("reason").GetString());
        Assert.Contains(answer.Log.GetProperty("awsCalls").EnumerateArray(),
            call => call.GetProperty("call").GetString() == failingCall && !call.GetProperty("ok").GetBoolean());
    }

    private static IReadOnlyList<string> AuditEvents(BackendRig rig, string requestId) =>
        rig.Sns.CallsTo(SnsStandIn.Publish)
            .Where(call => call["Message"]?.Contains("Request Id: " + requestId, StringComparison.Ordinal) == true)
            .Select(call => call["MessageAttributes.entry.1.Value.StringValue"] ?? "?")
            .ToArray();

    private void Report(string fault, ProcessAnswer answer, int attempts) =>
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "FAULT {0} status={1} attempts={2} ms={3:F0} deadlineMs={4:F0} lagMs={5:F0} outcome={6}",
            fault, answer.Reply.StatusCode, attempts, answer.Elapsed.TotalMilliseconds, Deadline.TotalMilliseconds, answer.SchedulerLag.TotalMilliseconds,
            answer.Log.GetProperty("outcome").GetString()));

    private sealed record ProcessAnswer(string RequestId, RuntimeReply Reply, TimeSpan Elapsed, TimeSpan SchedulerLag, JsonElement Log);
}
