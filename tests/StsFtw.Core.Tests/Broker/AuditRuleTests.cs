using StsFtw.Core.Audit;
using StsFtw.Core.Broker;
using StsFtw.Core.Dependencies;
using StsFtw.Testing.Fakes;
using static StsFtw.Core.Tests.Broker.OutcomeAssert;

namespace StsFtw.Core.Tests.Broker;

/// <summary>Rule 6: no credentials leave unless the mint was published; refusals and lockouts are published too.</summary>
public sealed class AuditRuleTests
{
    [Fact]
    public async Task MintIsPublishedWithWhoWhatAndWhere()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        Issued(await harness.AskAsync("alice", harness.CodeNow(secret), duration: 1800));

        var minted = Assert.Single(harness.Audit.OfType<CredentialsMinted>());
        Assert.Equal(BrokerHarness.Account("alice"), minted.Account);
        Assert.Equal("Developer", minted.Role);
        Assert.Equal(1800, minted.DurationSeconds);
        Assert.Equal(harness.Context, minted.Request);
    }

    [Fact]
    public async Task FailedAuditPublishWithholdsTheCredentials()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        harness.Audit.Fail = true;

        var outcome = await harness.AskAsync("alice", harness.CodeNow(secret));

        var failed = Assert.IsType<DependencyFailed>(outcome);
        Assert.Equal(Dependency.AuditTopic, failed.Dependency);
    }

    [Fact]
    public async Task FailedMintIsReportedAndAnnouncedAsNotIssued()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        harness.Minter.Fail = true;

        var outcome = await harness.AskAsync("alice", harness.CodeNow(secret));

        Assert.Equal(Dependency.SecurityTokenService, Assert.IsType<DependencyFailed>(outcome).Dependency);
        Assert.Single(harness.Audit.OfType<MintFailed>());
    }

    [Fact]
    public async Task RefusalStandsWhenItsAnnouncementFails()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        harness.Audit.Fail = true;

        var refusal = Refused(await harness.AskAsync("alice", harness.CodeNow(secret), role: "Admin"), RefusalReason.RoleNotPermitted);

        Assert.False(refusal.AuditPublished);
    }

    [Fact]
    public async Task ForbiddenRoleIsPublishedAsRefusal()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        await harness.AskAsync("alice", harness.CodeNow(secret), role: "Admin");

        var refused = Assert.Single(harness.Audit.OfType<RequestRefused>());
        Assert.Equal("Admin", refused.Role);
    }

    [Fact]
    public async Task InvalidRequestsAreNotPublished()
    {
        var harness = new BrokerHarness();

        Refused(await harness.AskAsync("alice", "12ab56"), RefusalReason.InvalidRequest);

        Assert.Empty(harness.Audit.Published);
        Assert.Empty(harness.Store.Calls);
    }
}
