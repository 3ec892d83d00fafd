using StsFtw.Core.Audit;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Invitations;
using StsFtw.Core.Totp;

namespace StsFtw.Core.Tests.Invitations;

/// <summary>docs/INVITATIONS.md, "States": invited -> pending -> active, announced fail closed, rotation and lost devices.</summary>
public sealed class EnrollmentFlowTests
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task InvitedPersonEnrollsTheirDeviceAndItBecomesActive()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");

        var (started, confirmed, second) = await harness.EnrollAsync("alice", code);

        var done = Assert.IsType<EnrollmentConfirmed>(confirmed);
        Assert.False(done.Rotation);
        Assert.Equal("alice", started.Key.AccountName);
        var entry = harness.Auth.Get(EnrollmentHarness.Account("alice"))!;
        Assert.True(entry.Secret.HasCiphertext);
        var active = await harness.Protector.RevealAsync(entry.Account, entry.Secret, None);
        Assert.Equal(started.Key.Secret.ToBase32(), active!.ToBase32());
        Assert.Equal(TotpVerifier.Verify(started.Key.Secret, second, harness.Clock.GetUtcNow()), entry.LastAcceptedTimeStep);
        Assert.Null((await harness.Invitations.GetAsync(entry.Account, None))!.Invitation);
    }

    [Fact]
    public async Task ConfirmCodesAreRefusedAfterwardsAsReplays()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");
        var (started, _, second) = await harness.EnrollAsync("alice", code);
        var now = harness.Clock.GetUtcNow();

        var step = TotpVerifier.Verify(started.Key.Secret, second, now)!.Value;

        Assert.False(await harness.Auth.TryAcceptTimeStepAsync(EnrollmentHarness.Account("alice"), step, now, None));
        Assert.False(await harness.Auth.TryAcceptTimeStepAsync(EnrollmentHarness.Account("alice"), step - 1, now, None));
        Assert.True(await harness.Auth.TryAcceptTimeStepAsync(EnrollmentHarness.Account("alice"), step + 1, now, None));
    }

    [Fact]
    public async Task EnrollmentIsAnnouncedBeforeItIsActivated()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");

        await harness.EnrollAsync("alice", code);

        var announced = Assert.Single(harness.Audit.OfType<DeviceEnrolled>());
        Assert.Equal("alice", announced.Account.AccountName);
        Assert.False(announced.Rotation);
        Assert.False(announced.LostDevice);
        var calls = harness.Invitations.Calls;
        Assert.StartsWith("Activate", calls[^1], StringComparison.Ordinal);
        Assert.Equal("DeviceEnrolled", AuditMessageFormatter.Format(announced).EventType);
    }

    [Fact]
    public async Task AuditOutageWithholdsActivation()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");
        harness.Audit.Fail = true;

        var (_, outcome, _) = await harness.EnrollAsync("alice", code);

        Assert.Equal(Dependency.AuditTopic, Assert.IsType<EnrollmentDependencyFailed>(outcome).Dependency);
        Assert.True(harness.Auth.Get(EnrollmentHarness.Account("alice"))!.Secret.IsEmpty);
        Assert.DoesNotContain(harness.Invitations.Calls, c => c.StartsWith("Activate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TableWithoutAKeyCannotEnrollByInvitation()
    {
        var harness = new EnrollmentHarness();
        harness.Protector.Plaintext = true;
        var code = await harness.InviteAsync("alice");

        var outcome = await harness.StartAsync("alice", code);

        Assert.Equal(Dependency.SecretKey, Assert.IsType<EnrollmentDependencyFailed>(outcome).Dependency);
        Assert.Null((await harness.Invitations.GetAsync(EnrollmentHarness.Account("alice"), None))!.PendingCiphertext);
    }

    [Fact]
    public async Task RotationWithoutTheOldDevicesCodeIsRefused()
    {
        var harness = new EnrollmentHarness();
        harness.EnrollOldDevice("alice");
        var code = await harness.InviteAsync("alice");

        var refusal = Assert.IsType<EnrollmentRefusal>(await harness.StartAsync("alice", code));

        Assert.Equal(EnrollmentRefusalReason.DeviceCodeRequired, refusal.Reason);
        Assert.Null((await harness.Invitations.GetAsync(EnrollmentHarness.Account("alice"), None))!.PendingCiphertext);
    }

    [Fact]
    public async Task RotationWithAWrongOldDeviceCodeIsRefusedAndCounted()
    {
        var harness = new EnrollmentHarness();
        var old = harness.EnrollOldDevice("alice");
        var code = await harness.InviteAsync("alice");

        var refusal = Assert.IsType<EnrollmentRefusal>(await harness.StartAsync("alice", code, harness.Wrong(old)));

        Assert.Equal(EnrollmentRefusalReason.DeviceCodeRequired, refusal.Reason);
        Assert.Equal(1, harness.Auth.Get(EnrollmentHarness.Account("alice"))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task OldSecretKeepsWorkingUntilTheNewOneIsConfirmed()
    {
        var harness = new EnrollmentHarness();
        var old = harness.EnrollOldDevice("alice");
        var code = await harness.InviteAsync("alice");
        var alice = EnrollmentHarness.Account("alice");

        var started = Assert.IsType<EnrollmentStarted>(await harness.StartAsync("alice", code, harness.CodeNow(old)));
        Assert.Equal(harness.Auth.Get(alice)!.Secret.OtpAuthUri, (await harness.Invitations.GetAsync(alice, None))!.Entry.Secret.OtpAuthUri);
        Assert.NotNull(harness.Auth.Get(alice)!.Secret.OtpAuthUri);

        var first = harness.CodeNow(started.Key.Secret);
        harness.NextStep();
        var confirmed = Assert.IsType<EnrollmentConfirmed>(await harness.ConfirmAsync("alice", code, first, harness.CodeNow(started.Key.Secret)));

        Assert.True(confirmed.Rotation);
        Assert.False(confirmed.LostDevice);
        var entry = harness.Auth.Get(alice)!;
        Assert.Null(entry.Secret.OtpAuthUri);
        Assert.Equal(started.Key.Secret.ToBase32(), (await harness.Protector.RevealAsync(alice, entry.Secret, None))!.ToBase32());
        Assert.True(Assert.Single(harness.Audit.OfType<DeviceEnrolled>()).Rotation);
    }

    [Fact]
    public async Task OldDevicesCodeIsAcceptedOnlyOnce()
    {
        var harness = new EnrollmentHarness();
        var old = harness.EnrollOldDevice("alice");
        var alice = EnrollmentHarness.Account("alice");
        var oldCode = harness.CodeNow(old);
        Assert.True(await harness.Auth.TryAcceptTimeStepAsync(alice, TotpVerifier.TimeStepAt(harness.Clock.GetUtcNow()), harness.Clock.GetUtcNow(), None));
        var code = await harness.InviteAsync("alice");

        var refusal = Assert.IsType<EnrollmentRefusal>(await harness.StartAsync("alice", code, oldCode));

        Assert.Equal(EnrollmentRefusalReason.DeviceCodeRequired, refusal.Reason);
    }

    [Fact]
    public async Task LostDeviceInvitationNeedsNoOldCodeAndIsAnnouncedAsSuch()
    {
        var harness = new EnrollmentHarness();
        harness.EnrollOldDevice("alice");
        var code = await harness.InviteAsync("alice", lostDevice: true);

        var (_, confirmed, _) = await harness.EnrollAsync("alice", code);

        Assert.True(Assert.IsType<EnrollmentConfirmed>(confirmed).LostDevice);
        var announced = Assert.Single(harness.Audit.OfType<DeviceEnrolled>());
        Assert.True(announced.Rotation && announced.LostDevice);
        Assert.Contains("LOST device", AuditMessageFormatter.Format(announced).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewDeviceClearsTheFailureCountsAndLockLevel()
    {
        var harness = new EnrollmentHarness();
        var code = await harness.InviteAsync("alice");
        var alice = EnrollmentHarness.Account("alice");
        Assert.IsType<EnrollmentRefusal>(await harness.StartAsync("alice", harness.GuessedCode()));
        Assert.Equal(1, harness.Auth.Get(alice)!.ConsecutiveFailures);

        await harness.EnrollAsync("alice", code);

        var entry = harness.Auth.Get(alice)!;
        Assert.Equal(0, entry.ConsecutiveFailures);
        Assert.Equal(0, entry.BudgetFailures);
    }
}
