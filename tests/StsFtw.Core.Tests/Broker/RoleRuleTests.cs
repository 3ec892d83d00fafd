using StsFtw.Core.Broker;
using StsFtw.Core.Credentials;
using StsFtw.Testing.Fakes;
using static StsFtw.Core.Tests.Broker.OutcomeAssert;

namespace StsFtw.Core.Tests.Broker;

/// <summary>Rule 5: the role must be in the primary's entry, checked after authentication.</summary>
public sealed class RoleRuleTests
{
    [Fact]
    public async Task RoleNotInTheEntryIsForbidden()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice", roles: new[] { "Developer" });

        Refused(await harness.AskAsync("alice", harness.CodeNow(secret), role: "Admin"), RefusalReason.RoleNotPermitted);
        Assert.Empty(harness.Minter.Requests);
    }

    [Fact]
    public async Task RoleIsCheckedOnlyAfterAuthentication()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice", roles: new[] { "Developer" });

        Refused(await harness.AskAsync("alice", harness.WrongCode(secret), role: "Admin"), RefusalReason.AuthenticationFailed);
    }

    [Fact]
    public async Task RoleNamesAreCaseSensitive()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice", roles: new[] { "Developer" });

        Refused(await harness.AskAsync("alice", harness.CodeNow(secret), role: "developer"), RefusalReason.RoleNotPermitted);
    }

    [Fact]
    public async Task RoleArnIsRefusedWhenTheDeploymentAllowsNone()
    {
        const string Arn = "arn:aws:iam::444455556666:role/stsftw/Deploy";
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice", roles: new[] { Arn });

        Refused(await harness.AskAsync("alice", harness.CodeNow(secret), role: Arn), RefusalReason.RoleNotPermitted);
        Assert.Empty(harness.Minter.Requests);
    }

    [Fact]
    public async Task RoleArnMatchingTheAllowPatternIsMinted()
    {
        const string Arn = "arn:aws:iam::444455556666:role/stsftw/Deploy";
        var harness = new BrokerHarness(new BrokerOptions { RoleArns = new RoleArnPolicy("arn:aws:iam::444455556666:role/stsftw/*") });
        var secret = harness.Enroll("alice", roles: new[] { Arn });

        var issued = Issued(await harness.AskAsync("alice", harness.CodeNow(secret), role: Arn));

        Assert.Equal(Arn, issued.Credentials.RoleArn);
    }

    [Fact]
    public async Task BareRoleNameIsCheckedAgainstTheAllowList()
    {
        // The name resolves to arn:aws:iam::111122223333:role/Admin, which the pattern does not cover.
        var harness = new BrokerHarness(new BrokerOptions { RoleArns = new RoleArnPolicy($"arn:aws:iam::{RecordingMinter.OwnAccountId}:role/stsftw-*") });
        var secret = harness.Enroll("alice", roles: new[] { "Admin" });

        Refused(await harness.AskAsync("alice", harness.CodeNow(secret), role: "Admin"), RefusalReason.RoleNotPermitted);
        Assert.Empty(harness.Minter.Requests);
        Assert.Single(harness.Audit.OfType<StsFtw.Core.Audit.RequestRefused>());
    }

    [Fact]
    public async Task BareRoleNameInsideTheAllowListIsMinted()
    {
        var harness = new BrokerHarness(new BrokerOptions { RoleArns = new RoleArnPolicy($"arn:aws:iam::{RecordingMinter.OwnAccountId}:role/stsftw-*") });
        var secret = harness.Enroll("alice", roles: new[] { "stsftw-Developer" });

        var issued = Issued(await harness.AskAsync("alice", harness.CodeNow(secret), role: "stsftw-Developer"));

        Assert.Equal($"arn:aws:iam::{RecordingMinter.OwnAccountId}:role/stsftw-Developer", issued.Credentials.RoleArn);
    }

    [Fact]
    public async Task BareRoleNameIsAllowedWithoutAnAllowList()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice", roles: new[] { "Developer" });

        Issued(await harness.AskAsync("alice", harness.CodeNow(secret), role: "Developer"));
    }
}
