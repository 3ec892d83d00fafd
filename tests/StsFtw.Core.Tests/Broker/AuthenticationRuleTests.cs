using StsFtw.Core.Audit;
using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.Fakes;
using static StsFtw.Core.Tests.Broker.OutcomeAssert;

namespace StsFtw.Core.Tests.Broker;

/// <summary>Rule 1: RFC 6238 codes, one step of network delay either side; unknown accounts look like wrong codes.</summary>
public sealed class AuthenticationRuleTests
{
    [Fact]
    public async Task RightCodeForEnrolledAccountIssuesCredentials()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        var issued = Issued(await harness.AskAsync("alice", harness.CodeNow(secret)));

        Assert.Equal("ASIATESTACCESSKEY", issued.Credentials.AccessKeyId);
        Assert.Equal(BrokerHarness.Account("alice"), issued.Account);
        Assert.Single(harness.Minter.Requests);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task CodeOneStepEitherSideIsAccepted(int stepOffset)
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        Issued(await harness.AskAsync("alice", harness.CodeNow(secret, stepOffset)));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public async Task CodeTwoStepsAwayIsRejected(int stepOffset)
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        var refusal = Refused(await harness.AskAsync("alice", harness.CodeNow(secret, stepOffset)), RefusalReason.AuthenticationFailed);

        Assert.Equal(AuthenticationFailure.WrongCode, refusal.Failure);
        Assert.Empty(harness.Minter.Requests);
    }

    [Fact]
    public async Task UnknownAccountAndWrongCodeGiveTheSameOutcomeAndPath()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        var wrongCode = Refused(await harness.AskAsync("alice", harness.WrongCode(secret)), RefusalReason.AuthenticationFailed);
        var callsForWrongCode = harness.Store.Calls.Select(Shape).ToArray();
        var revealsForWrongCode = harness.Protector.Reveals;
        harness.Store.Calls.Clear();

        var unknown = Refused(await harness.AskAsync("mallory", "123456"), RefusalReason.AuthenticationFailed);

        Assert.Equal(wrongCode.Message, unknown.Message);
        Assert.Equal(wrongCode.Problems, unknown.Problems);
        Assert.Equal(wrongCode.RetryAfter, unknown.RetryAfter);
        Assert.Equal(callsForWrongCode, harness.Store.Calls.Select(Shape).ToArray());
        Assert.Equal(revealsForWrongCode, harness.Protector.Reveals - revealsForWrongCode);
        Assert.Equal(AuthenticationFailure.UnknownAccount, unknown.Failure);
        Assert.Equal(AuthenticationFailure.WrongCode, wrongCode.Failure);
        Assert.Empty(harness.Minter.Requests);

        static string Shape(string call) => call.Split(' ')[0];
    }

    [Fact]
    public async Task CodeOfOneAccountDoesNotAuthenticateAnother()
    {
        var harness = new BrokerHarness();
        var alice = harness.Enroll("alice");
        harness.Enroll("bob");

        Refused(await harness.AskAsync("bob", harness.CodeNow(alice)), RefusalReason.AuthenticationFailed);
    }

    [Fact]
    public async Task WrongCodesAreAnnouncedOncePerWindowAtTheThirdNotPerRequest()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        for (var i = 0; i < LockoutPolicy.DefaultFailureLimit; i++) await harness.AskAsync("alice", harness.WrongCode(secret));

        var announced = Assert.Single(harness.Audit.Published);
        var failed = Assert.IsType<FailedCodes>(announced);
        Assert.Equal((FailureBudget.AnnouncedFailure, FailureBudget.DefaultFailures, false), (failed.WindowFailures, failed.Budget, failed.AsSecondary));
        Assert.Equal("203.0.113.7", failed.Request.SourceAddress);
        Assert.Equal(AuditDelivery.OneAttempt, Assert.Single(harness.Audit.Deliveries));
    }
}
