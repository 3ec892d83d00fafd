using StsFtw.Core.Audit;
using StsFtw.Core.Broker;
using StsFtw.Testing.Fakes;

namespace StsFtw.Core.Tests.Broker;

public sealed class DeadlineRuleTests
{
    private readonly BrokerHarness _harness = new();

    [Fact]
    public async Task ExpiredDeadlineMintsNothingAndAnnouncesNothing()
    {
        var secret = _harness.Enroll("alice");
        using var expired = new CancellationTokenSource();
        await expired.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.Broker.RequestCredentialsAsync(
            new CredentialRequest(BrokerHarness.Issuer, "alice", _harness.CodeNow(secret), "Developer"), _harness.Context, expired.Token));

        Assert.Empty(_harness.Minter.Requests);
        Assert.Empty(_harness.Audit.Published);
    }

    [Fact]
    public async Task DeadlinePassingAfterTheCodeWasAcceptedStillMintsNothing()
    {
        var secret = _harness.Enroll("alice");
        using var deadline = new CancellationTokenSource();
        _harness.Store.AfterAccept = () => deadline.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.Broker.RequestCredentialsAsync(
            new CredentialRequest(BrokerHarness.Issuer, "alice", _harness.CodeNow(secret), "Developer"), _harness.Context, deadline.Token));

        Assert.Empty(_harness.Minter.Requests);
        Assert.Empty(_harness.Audit.Published);
    }

    [Fact]
    public async Task DeadlinePassingDuringTheMintAnnouncesThatNoCredentialsWereIssued()
    {
        var secret = _harness.Enroll("alice");
        using var deadline = new CancellationTokenSource();
        _harness.Minter.OnMint = () => deadline.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.Broker.RequestCredentialsAsync(
            new CredentialRequest(BrokerHarness.Issuer, "alice", _harness.CodeNow(secret), "Developer"), _harness.Context, deadline.Token));

        Assert.Single(_harness.Audit.OfType<CredentialsMinted>());
        var followUp = Assert.Single(_harness.Audit.OfType<MintFailed>());
        Assert.Contains("ran out of time", followUp.Reason, StringComparison.Ordinal);
    }
}
