using StsFtw.Core.Broker;
using StsFtw.Testing.Fakes;
using static StsFtw.Core.Tests.Broker.OutcomeAssert;

namespace StsFtw.Core.Tests.Broker;

/// <summary>Rule 2: a code's time step is accepted at most once per account (RFC 6238 §5.2).</summary>
public sealed class ReplayRuleTests
{
    [Fact]
    public async Task SecondCodeInSameStepIsRejected()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        var code = harness.CodeNow(secret);

        Issued(await harness.AskAsync("alice", code));
        var replay = Refused(await harness.AskAsync("alice", code), RefusalReason.AuthenticationFailed);

        Assert.Equal(AuthenticationFailure.ReplayedCode, replay.Failure);
        Assert.Equal(CredentialBroker.AuthenticationFailedMessage, replay.Message);
        Assert.Single(harness.Minter.Requests);
    }

    [Fact]
    public async Task CodeOfEarlierStepIsRejectedAfterLaterStepWasUsed()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        Issued(await harness.AskAsync("alice", harness.CodeNow(secret, stepOffset: 1)));
        var earlier = Refused(await harness.AskAsync("alice", harness.CodeNow(secret)), RefusalReason.AuthenticationFailed);

        Assert.Equal(AuthenticationFailure.ReplayedCode, earlier.Failure);
    }

    [Fact]
    public async Task CodeOfNextStepIsAcceptedAfterThisStepWasUsed()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        Issued(await harness.AskAsync("alice", harness.CodeNow(secret)));
        harness.NextStep();
        Issued(await harness.AskAsync("alice", harness.CodeNow(secret)));
    }

    [Fact]
    public async Task ConcurrentRequestsWithOneCodeIssueCredentialsOnce()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        var code = harness.CodeNow(secret);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => harness.AskAsync("alice", code))));

        Assert.Single(outcomes.OfType<CredentialsIssued>());
        Assert.Single(harness.Minter.Requests);
    }
}
