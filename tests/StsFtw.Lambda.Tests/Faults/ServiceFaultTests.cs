using StsFtw.Core.Wire;
using StsFtw.Lambda.Tests.Process;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Fixtures;
using Xunit.Abstractions;
using static StsFtw.Lambda.Tests.Faults.FaultBounds;
using static StsFtw.Lambda.Tests.Faults.FaultExpectations;

namespace StsFtw.Lambda.Tests.Faults;

/// <summary>
/// The dependency failures of STS, the audit topic and KMS, one test each, as <see cref="DependencyFaultTests"/> does
/// for the auth table: the documented status and problem type, no credentials without an audit message, bounded
/// retries, the answer before the deadline, and a log line that names the failing call.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class ServiceFaultTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    [Fact]
    public async Task StsAccessDeniedIsBadGatewayWithoutRetryAndTheMintIsAnnouncedAsFailed()
    {
        await using var rig = await FaultRig.StartAsync(dynalite, "sts-denied");
        var alice = await rig.EnrollAsync("alice");
        rig.Sts.Fail(StsStandIn.AssumeRole, 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole");

        var answer = await rig.InvokeAsync("alice", rig.CodeNow(alice), Deadline);

        var attempts = rig.Sts.CallsTo(StsStandIn.AssumeRole);
        Report(output, "sts-access-denied", answer, attempts.Count);
        DocumentedFailure(answer, 502, ProblemTypes.CredentialsUnavailable, "dependency-failed", "SecurityTokenService", "sts.AssumeRole");
        Assert.Contains("AccessDenied", answer.Detail, StringComparison.Ordinal);
        Assert.Single(attempts);
        Assert.Equal(new[] { Minted, MintFailed }, rig.AuditAttempts(answer.RequestId));
        rig.AssertLogHoldsNoSecret();
    }

    [Fact]
    public async Task StsThrottlingIsBadGatewayAfterBoundedBackedOffRetries()
    {
        await using var rig = await FaultRig.StartAsync(dynalite, "sts-throttled");
        var alice = await rig.EnrollAsync("alice");
        rig.Sts.Throttle(StsStandIn.AssumeRole);

        var answer = await rig.InvokeAsync("alice", rig.CodeNow(alice), Deadline);

        var attempts = rig.Sts.CallsTo(StsStandIn.AssumeRole);
        Report(output, "sts-throttled", answer, attempts.Count, Arrivals(attempts));
        DocumentedFailure(answer, 502, ProblemTypes.CredentialsUnavailable, "dependency-failed", "SecurityTokenService", "sts.AssumeRole");
        Assert.Equal(SdkAttempts, attempts.Count);
        BackoffStaysBounded(Arrivals(attempts), SdkThrottlingBackoffCeiling, RoundTripSlack);
        Assert.Equal(new[] { Minted, MintFailed }, rig.AuditAttempts(answer.RequestId));
        rig.AssertLogHoldsNoSecret();
    }

    [Fact]
    public async Task StsThrottlingOnceIsAbsorbedByARetriedAssumeRole()
    {
        await using var rig = await FaultRig.StartAsync(dynalite, "sts-throttled-once");
        var alice = await rig.EnrollAsync("alice");
        rig.Sts.Throttle(StsStandIn.AssumeRole, times: 1);

        var answer = await rig.InvokeAsync("alice", rig.CodeNow(alice), Deadline);

        Report(output, "sts-throttled-once", answer, rig.Sts.CallsTo(StsStandIn.AssumeRole).Count);
        Assert.Equal(200, answer.Status);
        AnsweredBeforeTheDeadline(answer);
        Assert.Equal(2, rig.Sts.CallsTo(StsStandIn.AssumeRole).Count);
        Assert.Equal(new[] { Minted }, rig.AuditAttempts(answer.RequestId));
        rig.AssertLogHoldsNoSecret();
    }

    // Regression: the deadline cancelled the stalled mint after its announcement had gone out, and no follow-up said
    // that no credentials were issued.
    [Fact]
    public async Task StalledStsIsServiceUnavailableBeforeTheDeadline()
    {
        await using var rig = await FaultRig.StartAsync(dynalite, "sts-stalled");
        var alice = await rig.EnrollAsync("alice");
        rig.Sts.Stall(StsStandIn.AssumeRole, TimeSpan.FromSeconds(30));

        var answer = await rig.InvokeAsync("alice", rig.CodeNow(alice), Deadline);

        Report(output, "sts-stalled", answer, rig.Sts.CallsTo(StsStandIn.AssumeRole).Count);
        DocumentedFailure(answer, 503, ProblemTypes.ServiceUnavailable, "deadline", "deadline-exceeded", "sts.AssumeRole");
        Assert.Single(rig.Sts.CallsTo(StsStandIn.AssumeRole));
        // The announcement went out beside the mint; the deadline cut the mint short, so a follow-up says so.
        Assert.Equal(new[] { Minted, MintFailed }, rig.AuditAttempts(answer.RequestId));
        rig.AssertLogHoldsNoSecret();
    }

    // ---- The audit topic ----

    [Fact]
    public async Task AuditPublishServerErrorsWithholdTheCredentialsAfterBoundedBackedOffRetries()
    {
        await using var rig = await FaultRig.StartAsync(dynalite, "sns-500");
        var alice = await rig.EnrollAsync("alice");
        rig.Sns.Fail(SnsStandIn.Publish, 500, "InternalError", "Internal error");

        var answer = await rig.InvokeAsync("alice", rig.CodeNow(alice), Deadline);

        var attempts = rig.Sns.CallsTo(SnsStandIn.Publish);
        Report(output, "audit-500", answer, attempts.Count, Arrivals(attempts));
        DocumentedFailure(answer, 503, ProblemTypes.ServiceUnavailable, "dependency-failed", "AuditTopic", "sns.Publish");
        Assert.Equal(new[] { Minted, Minted, Minted }, rig.AuditAttempts(answer.RequestId));
        // The sink's own backoff: 200 ms, doubled per retry, each with jitter in [50 %, 100 %).
        BackedOffBetween(Arrivals(attempts), TimeSpan.FromMilliseconds(100));
        BackoffStaysBounded(Arrivals(attempts), TimeSpan.FromMilliseconds(200), RoundTripSlack);
        rig.AssertLogHoldsNoSecret();
    }

    [Fact]
    public async Task AuditAuthorizationErrorWithholdsTheCredentialsWithoutRetry()
    {
        await using var rig = await FaultRig.StartAsync(dynalite, "sns-denied");
        var alice = await rig.EnrollAsync("alice");
        rig.Sns.Fail(SnsStandIn.Publish, 403, "AuthorizationError", "User is not authorized to perform: SNS:Publish");

        var answer = await rig.InvokeAsync("alice", rig.CodeNow(alice), Deadline);

        Report(output, "audit-authorization-error", answer, rig.Sns.CallsTo(SnsStandIn.Publish).Count);
        DocumentedFailure(answer, 503, ProblemTypes.ServiceUnavailable, "dependency-failed", "AuditTopic", "sns.Publish");
        Assert.Contains("AuthorizationError", answer.Detail, StringComparison.Ordinal);
        Assert.Equal(new[] { Minted }, rig.AuditAttempts(answer.RequestId));
        rig.AssertLogHoldsNoSecret();
    }

    [Fact]
    public async Task StalledAuditPublishWithholdsTheCredentialsBeforeTheDeadline()
    {
        await using var rig = await FaultRig.StartAsync(dynalite, "sns-stalled");
        var alice = await rig.EnrollAsync("alice");
        rig.Sns.Stall(SnsStandIn.Publish, TimeSpan.FromSeconds(30));

        var answer = await rig.InvokeAsync("alice", rig.CodeNow(alice), Deadline);

        Report(output, "audit-stalled", answer, rig.Sns.CallsTo(SnsStandIn.Publish).Count);
        DocumentedFailure(answer, 503, ProblemTypes.ServiceUnavailable, "deadline", "deadline-exceeded", "sns.Publish");
        Assert.Single(rig.Sns.CallsTo(SnsStandIn.Publish));
        rig.AssertLogHoldsNoSecret();
    }

    [Fact]
    public async Task AuditPublishFailingOnceIsRetriedAndTheCredentialsLeave()
    {
        await using var rig = await FaultRig.StartAsync(dynalite, "sns-once");
        var alice = await rig.EnrollAsync("alice");
        rig.Sns.Fail(SnsStandIn.Publish, 500, "InternalError", "Internal error", times: 1);

        var answer = await rig.InvokeAsync("alice", rig.CodeNow(alice), Deadline);

        Report(output, "audit-500-once", answer, rig.Sns.CallsTo(SnsStandIn.Publish).Count);
        Assert.Equal(200, answer.Status);
        AnsweredBeforeTheDeadline(answer);
        Assert.Equal(new[] { Minted, Minted }, rig.AuditAttempts(answer.RequestId));
        rig.AssertLogHoldsNoSecret();
    }

    // ---- KMS ----

    [Theory]
    [InlineData("AccessDeniedException")]
    [InlineData("KMSInvalidStateException")]
    public async Task KmsRefusalIsServiceUnavailableWithoutRetryAndNothingIsMinted(string errorType)
    {
        await using var rig = await FaultRig.StartAsync(dynalite, "kms-refused");
        var alice = await rig.EnrollAsync("alice");
        rig.Kms.Fail(KmsStandIn.Decrypt, 400, errorType);

        var answer = await rig.InvokeAsync("alice", rig.CodeNow(alice), Deadline);

        var attempts = rig.Kms.CallsTo(KmsStandIn.Decrypt);
        Report(output, "kms-" + errorType, answer, attempts.Count);
        DocumentedFailure(answer, 503, ProblemTypes.ServiceUnavailable, "dependency-failed", "SecretKey", "kms.Decrypt");
        Assert.Contains(errorType, answer.Detail, StringComparison.Ordinal);
        Assert.Single(attempts);
        Assert.Empty(rig.Sts.CallsTo(StsStandIn.AssumeRole));
        Assert.Empty(rig.AuditAttempts(answer.RequestId));
        Assert.Empty(rig.Proxy.RequestsTo("UpdateItem"));
        rig.AssertLogHoldsNoSecret();
    }

    [Fact]
    public async Task StalledKmsIsServiceUnavailableBeforeTheDeadline()
    {
        await using var rig = await FaultRig.StartAsync(dynalite, "kms-stalled");
        var alice = await rig.EnrollAsync("alice");
        rig.Kms.Stall(KmsStandIn.Decrypt, TimeSpan.FromSeconds(30));

        var answer = await rig.InvokeAsync("alice", rig.CodeNow(alice), Deadline);

        Report(output, "kms-stalled", answer, rig.Kms.CallsTo(KmsStandIn.Decrypt).Count);
        DocumentedFailure(answer, 503, ProblemTypes.ServiceUnavailable, "deadline", "deadline-exceeded", "kms.Decrypt");
        Assert.Single(rig.Kms.CallsTo(KmsStandIn.Decrypt));
        Assert.Empty(rig.Sts.CallsTo(StsStandIn.AssumeRole));
        rig.AssertLogHoldsNoSecret();
    }
}
