using StsFtw.Core.Broker;
using StsFtw.Core.Dependencies;
using StsFtw.Testing.Fakes;
using static StsFtw.Core.Tests.Broker.OutcomeAssert;

namespace StsFtw.Core.Tests.Broker;

/// <summary>Bad input is refused with every problem named, before any outside call.</summary>
public sealed class RequestValidationTests
{
    [Fact]
    public async Task InvalidRequestNamesEveryProblemAndTouchesNothing()
    {
        var harness = new BrokerHarness();

        var outcome = await harness.Broker.RequestCredentialsAsync(
            new CredentialRequest("", "alice\u0000", "12345", "bad role!", null, "654321", 60), harness.Context, CancellationToken.None);

        var refusal = Refused(outcome, RefusalReason.InvalidRequest);
        Assert.Equal(6, refusal.Problems.Count);
        Assert.Contains(refusal.Problems, p => p.StartsWith("Issuer", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.StartsWith("AccountName", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.StartsWith("TOTPCode", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.StartsWith("Role", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.StartsWith("SecondaryTOTPCode", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.StartsWith("DurationSeconds", StringComparison.Ordinal));
        Assert.Empty(harness.Store.Calls);
        Assert.Empty(harness.Minter.Requests);
    }

    [Fact]
    public async Task ProblemsNeverEchoTheCode()
    {
        var harness = new BrokerHarness();

        var refusal = Refused(await harness.AskAsync("alice", "98765x"), RefusalReason.InvalidRequest);

        Assert.DoesNotContain("98765", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptySecondaryFieldsAsStsftwSendsThemMeanNoSecondary()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        Issued(await harness.AskAsync("alice", harness.CodeNow(secret), secondary: "", secondaryCode: ""));
    }

    [Fact]
    public async Task DurationDefaultsToAnHourAndIsPassedToTheMinter()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");

        Issued(await harness.AskAsync("alice", harness.CodeNow(secret)));

        Assert.Equal(3600, Assert.Single(harness.Minter.Requests).DurationSeconds);
    }

    [Fact]
    public async Task DurationAboveTheDeploymentMaximumIsRefused()
    {
        var harness = new BrokerHarness(new BrokerOptions { DefaultDurationSeconds = 900, MaximumDurationSeconds = 1800 });
        var secret = harness.Enroll("alice");

        Refused(await harness.AskAsync("alice", harness.CodeNow(secret), duration: 1801), RefusalReason.InvalidRequest);
    }

    [Fact]
    public async Task UnavailableTableGivesDependencyFailureNotARefusal()
    {
        var harness = new BrokerHarness();
        harness.Enroll("alice");
        harness.Store.FailEverything = true;

        var outcome = await harness.AskAsync("alice", "123456");

        Assert.Equal(Dependency.AuthTable, Assert.IsType<DependencyFailed>(outcome).Dependency);
    }

    [Fact]
    public async Task CancelledRequestPropagatesCancellation()
    {
        var harness = new BrokerHarness();
        var secret = harness.Enroll("alice");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var blockingStore = new CancellingStore();
        var broker = new CredentialBroker(blockingStore, harness.Protector, harness.Minter, harness.Audit, harness.Clock, new BrokerOptions());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => broker.RequestCredentialsAsync(
            new CredentialRequest(BrokerHarness.Issuer, "alice", harness.CodeNow(secret), "Developer"), harness.Context, cancelled.Token));
    }

    [Fact]
    public void ContradictorySettingsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new BrokerOptions { DefaultDurationSeconds = 3600, MaximumDurationSeconds = 1800 }.Validated());
    }

    private sealed class CancellingStore : Core.Enrollment.IAuthStore
    {
        public Task<Core.Enrollment.EntryLookup> GetEntriesAsync(Core.Accounts.AccountKey primary, Core.Accounts.AccountKey? secondary, CancellationToken cancellationToken) =>
            Task.FromCanceled<Core.Enrollment.EntryLookup>(cancellationToken);

        public Task<bool> TryAcceptTimeStepAsync(Core.Accounts.AccountKey account, long timeStep, DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromCanceled<bool>(cancellationToken);

        public Task<Core.Enrollment.FailureRecord> RecordFailureAsync(Core.Accounts.AccountKey account, Core.Enrollment.AuthEntry? seen, DateTimeOffset now, Core.Enrollment.LockoutPolicy policy, CancellationToken cancellationToken) =>
            Task.FromCanceled<Core.Enrollment.FailureRecord>(cancellationToken);
    }
}
