using StsFtw.Core.Audit;
using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.Fakes;
using static StsFtw.Core.Tests.Broker.OutcomeAssert;

namespace StsFtw.Core.Tests.Broker;

/// <summary>Rule 6 under a flood: what anyone can cause is never published per request, and never retried (issue 14, finding 3).</summary>
public sealed class AnnouncementRuleTests
{
    [Fact]
    public async Task UnknownAccountRefusalsAreNotPublishedPerRequest()
    {
        var harness = new BrokerHarness();

        for (var i = 0; i < 50; i++)
        {
            var refusal = Refused(await harness.AskAsync("nobody" + i, "123456"), RefusalReason.AuthenticationFailed);
            Assert.Equal(AuthenticationFailure.UnknownAccount, refusal.Failure);
        }

        Assert.Empty(harness.Audit.Published);
    }

    [Fact]
    public async Task WrongCodesOnAnEnrolledAccountAreAnnouncedOncePerWindow()
    {
        var harness = new BrokerHarness(new BrokerOptions { Lockout = new LockoutPolicy(99, LockoutPolicy.DefaultDuration) });
        var secret = harness.Enroll("alice");

        for (var i = 0; i < FailureBudget.DefaultFailures; i++) await harness.AskAsync("alice", harness.WrongCode(secret));

        Assert.Equal(typeof(FailedCodes), Assert.Single(harness.Audit.Published).GetType());
    }

    [Fact]
    public async Task RefusalAnnouncementsAreNeverRetriedButLocksAre()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        Issued(await harness.AskAsync("alice", harness.CodeNow(secret)));
        harness.NextStep();
        await harness.AskAsync("alice", harness.CodeNow(secret), role: "Admin");
        for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++) await harness.AskAsync("alice", harness.WrongCode(secret));

        var deliveries = harness.Audit.Published.Zip(harness.Audit.Deliveries, (e, d) => (e.GetType().Name, d));
        Assert.Equal(
            [
                (nameof(CredentialsMinted), AuditDelivery.Retried),
                (nameof(RequestRefused), AuditDelivery.OneAttempt),
                (nameof(FailedCodes), AuditDelivery.OneAttempt),
                (nameof(AccountLocked), AuditDelivery.Retried),
            ],
            deliveries);
    }

    [Fact]
    public async Task SlowAnnouncementDoesNotHoldTheRefusalBack()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        for (var i = 0; i < FailureBudget.AnnouncedFailure - 1; i++) await harness.AskAsync("alice", harness.WrongCode(secret));
        harness.Audit.Hang = true;

        var pending = harness.AskAsync("alice", harness.WrongCode(secret));
        Assert.True(await harness.Audit.Hanging.WaitAsync(TimeSpan.FromSeconds(30)));
        harness.Clock.Advance(new BrokerOptions().AnnouncementTimeout);

        var refusal = Refused(await pending.WaitAsync(TimeSpan.FromSeconds(30)), RefusalReason.AuthenticationFailed);
        Assert.False(refusal.AuditPublished);
    }

    [Theory]
    [InlineData(true, false, AuthenticationFailure.WrongCode, 1, FailureAnnouncement.Lock)]
    [InlineData(false, false, AuthenticationFailure.UnknownAccount, 0, FailureAnnouncement.None)]
    [InlineData(true, true, AuthenticationFailure.WrongCode, 2, FailureAnnouncement.None)]
    [InlineData(true, true, AuthenticationFailure.WrongCode, 3, FailureAnnouncement.FailedCodes)]
    [InlineData(true, true, AuthenticationFailure.UnusableSecret, 3, FailureAnnouncement.FailedCodes)]
    [InlineData(true, true, AuthenticationFailure.WrongCode, 4, FailureAnnouncement.None)]
    [InlineData(true, true, AuthenticationFailure.ReplayedCode, 4, FailureAnnouncement.Refusal)]
    [InlineData(true, false, AuthenticationFailure.ReplayedCode, 4, FailureAnnouncement.None)]
    public void OneRecordedFailureMakesAtMostOneAnnouncement(bool enrolled, bool counted, AuthenticationFailure failure, int windowFailures, FailureAnnouncement expected)
    {
        var locking = enrolled && !counted && windowFailures == 1;
        var record = new FailureRecord(enrolled, 0, null, locking) { Counted = counted || locking, WindowFailures = windowFailures };

        Assert.Equal(expected, FailureAnnouncementRule.Decide(record, failure, FailureBudget.Default));
    }
}
