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
}
