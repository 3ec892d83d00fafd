using StsFtw.Core.Audit;
using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.Testing.Fakes;
using static StsFtw.Core.Tests.Broker.OutcomeAssert;

namespace StsFtw.Core.Tests.Broker;

/// <summary>Rule 4: when the primary's entry lists co-signers, one of them must co-sign with a valid code of their own.</summary>
public sealed class MultiPartyRuleTests
{
    private readonly BrokerHarness _harness = new();
    private readonly TotpSecret _alice;
    private readonly TotpSecret _bob;
    private readonly TotpSecret _carol;

    public MultiPartyRuleTests()
    {
        _alice = _harness.Enroll("alice", secondaries: new[] { "bob", "dave" });
        _bob = _harness.Enroll("bob");
        _carol = _harness.Enroll("carol");
    }

    [Fact]
    public async Task ListedSecondaryWithRightCodeIssuesCredentials()
    {
        var issued = Issued(await _harness.AskAsync("alice", _harness.CodeNow(_alice), secondary: "bob", secondaryCode: _harness.CodeNow(_bob)));

        Assert.Equal("bob", issued.SecondaryAccountName);
        Assert.Equal("bob", Assert.Single(_harness.Minter.Requests).SecondaryAccountName);
        Assert.Equal("bob", Assert.Single(_harness.Audit.OfType<CredentialsMinted>()).SecondaryAccountName);
    }

    [Fact]
    public async Task SecondaryIsRequiredWhenThePrimaryListsAuthorizers()
    {
        Refused(await _harness.AskAsync("alice", _harness.CodeNow(_alice)), RefusalReason.SecondaryRequired);
        Assert.Empty(_harness.Minter.Requests);
    }

    [Fact]
    public async Task SecondaryRequirementIsNotRevealedWithoutThePrimaryCode()
    {
        var refusal = Refused(await _harness.AskAsync("alice", _harness.WrongCode(_alice)), RefusalReason.AuthenticationFailed);
        Assert.Equal(Party.Primary, refusal.Party);
    }

    [Fact]
    public async Task SecondaryNotInThePrimarysListIsRefused()
    {
        Refused(await _harness.AskAsync("alice", _harness.CodeNow(_alice), secondary: "carol", secondaryCode: _harness.CodeNow(_carol)),
            RefusalReason.SecondaryNotPermitted);
        Assert.Empty(_harness.Minter.Requests);
    }

    [Fact]
    public async Task PrimaryCannotCoSignForThemselves()
    {
        var harness = new BrokerHarness();
        var alice = harness.Enroll("alice", secondaries: new[] { "alice", "bob" });

        Refused(await harness.AskAsync("alice", harness.CodeNow(alice), secondary: "alice", secondaryCode: harness.CodeNow(alice, 1)),
            RefusalReason.SecondaryNotPermitted);
    }

    [Fact]
    public async Task SecondaryWithWrongCodeIsRefusedAndCounted()
    {
        var refusal = Refused(await _harness.AskAsync("alice", _harness.CodeNow(_alice), secondary: "bob", secondaryCode: _harness.WrongCode(_bob)),
            RefusalReason.AuthenticationFailed);

        Assert.Equal(Party.Secondary, refusal.Party);
        Assert.Equal(1, _harness.Store.Get(BrokerHarness.Account("bob"))!.ConsecutiveFailures);
        Assert.Equal(0, _harness.Store.Get(BrokerHarness.Account("alice"))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task PrimaryCodeIsNotUsedUpWhenTheSecondaryFails()
    {
        var aliceCode = _harness.CodeNow(_alice);
        await _harness.AskAsync("alice", aliceCode, secondary: "bob", secondaryCode: _harness.WrongCode(_bob));

        Issued(await _harness.AskAsync("alice", aliceCode, secondary: "bob", secondaryCode: _harness.CodeNow(_bob)));
    }

    [Fact]
    public async Task ListedButNotEnrolledSecondaryCannotAuthenticate()
    {
        var refusal = Refused(await _harness.AskAsync("alice", _harness.CodeNow(_alice), secondary: "dave", secondaryCode: "123456"),
            RefusalReason.AuthenticationFailed);

        Assert.Equal(AuthenticationFailure.UnknownAccount, refusal.Failure);
        Assert.Equal(Party.Secondary, refusal.Party);
    }

    [Fact]
    public async Task MissingSecondaryCannotAuthenticateWithEmptySecret()
    {
        // STSFTW read a missing secondary as an entry with an empty url, whose codes anyone can compute
        // (HMAC with an empty key). Every one of those codes must fail here.
        var emptyKeyCode = EmptyKeyTotp.CodeAt(_harness.Clock.GetUtcNow());

        var refusal = Refused(await _harness.AskAsync("alice", _harness.CodeNow(_alice), secondary: "dave", secondaryCode: emptyKeyCode),
            RefusalReason.AuthenticationFailed);

        Assert.Equal(Party.Secondary, refusal.Party);
        Assert.Empty(_harness.Minter.Requests);
    }

    [Fact]
    public async Task LockedSecondaryIsRefusedAndTheLockSaysItWasAsSecondary()
    {
        for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++)
        {
            await _harness.AskAsync("alice", _harness.CodeNow(_alice), secondary: "bob", secondaryCode: _harness.WrongCode(_bob));
        }

        var locked = Assert.Single(_harness.Audit.OfType<AccountLocked>());
        Assert.True(locked.AsSecondary);
        Assert.Equal("alice", locked.PrimaryAccountName);
        Assert.Equal(BrokerHarness.Account("bob"), locked.Account);

        var refusal = Refused(await _harness.AskAsync("alice", _harness.CodeNow(_alice), secondary: "bob", secondaryCode: _harness.CodeNow(_bob)),
            RefusalReason.AccountLocked);
        Assert.Equal(Party.Secondary, refusal.Party);
    }

    [Fact]
    public async Task SecondaryCodeIsAcceptedOnlyOnce()
    {
        var bobCode = _harness.CodeNow(_bob);
        Issued(await _harness.AskAsync("alice", _harness.CodeNow(_alice), secondary: "bob", secondaryCode: bobCode));

        var replay = Refused(await _harness.AskAsync("alice", _harness.CodeNow(_alice, 1), secondary: "bob", secondaryCode: bobCode),
            RefusalReason.AuthenticationFailed);

        Assert.Equal(AuthenticationFailure.ReplayedCode, replay.Failure);
        Assert.Equal(Party.Secondary, replay.Party);
    }

    [Fact]
    public async Task SecondaryIsIgnoredWhenThePrimaryListsNoAuthorizers()
    {
        var issued = Issued(await _harness.AskAsync("carol", _harness.CodeNow(_carol), secondary: "bob", secondaryCode: "000000"));

        Assert.Null(issued.SecondaryAccountName);
        Assert.Equal(0, _harness.Store.Get(BrokerHarness.Account("bob"))!.ConsecutiveFailures);
    }
}
