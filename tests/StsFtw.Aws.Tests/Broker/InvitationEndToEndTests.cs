using StsFtw.Aws.Tests.Fixtures;
using StsFtw.Core.Broker;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Invitations;
using StsFtw.Core.Totp;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Aws.Tests.Broker;

/// <summary>
/// Enrollment by invitation over the real adapters (dynalite, the KMS and SNS stand-ins): invite -> start -> two codes
/// -> confirm -> credentials through the normal credential path.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class InvitationEndToEndTests(DynaliteFixture dynalite)
{
    private static CancellationToken None => CancellationToken.None;

    private static async Task<string> InviteAsync(RealBrokerRig rig, string name, bool lostDevice = false)
    {
        var (code, grant) = InvitationGrant.Create(RealBrokerRig.Account(name), ["Developer"], [], rig.Clock.GetUtcNow(), null, lostDevice);
        await rig.Table.Invitations.CreateInvitationAsync(grant, None);
        var text = code.Reveal();
        rig.Ledger.Remember(SecretKind.InvitationCode, text);
        return text;
    }

    private static async Task<(TotpSecret Secret, EnrollmentOutcome Confirmed)> EnrollAsync(RealBrokerRig rig, string name, string code, string? currentCode = null)
    {
        var started = Assert.IsType<EnrollmentStarted>(await rig.Enrollment.StartAsync(new StartEnrollmentRequest(RealBrokerRig.Issuer, name, code, currentCode), rig.Context, None));
        rig.Ledger.RememberKey(started.Key, rig.Clock.GetUtcNow);
        var first = rig.CodeNow(started.Key.Secret);
        rig.Clock.Advance(TimeSpan.FromSeconds(TotpKey.PeriodSeconds));
        var second = rig.CodeNow(started.Key.Secret);
        var confirmed = await rig.Enrollment.ConfirmAsync(new ConfirmEnrollmentRequest(RealBrokerRig.Issuer, name, code, first, second), rig.Context, None);
        return (started.Key.Secret, confirmed);
    }

    [Fact]
    public async Task InvitedPersonEnrollsAndThenGetsCredentials()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-invite");
        var code = await InviteAsync(rig, "alice");

        var (secret, confirmed) = await EnrollAsync(rig, "alice", code);

        Assert.IsType<EnrollmentConfirmed>(confirmed);
        Assert.Equal(new[] { "DeviceEnrolled" }, rig.PublishedEventTypes());
        var item = (await rig.Dynamo.GetItemAsync(rig.TableName, new() { ["issuer"] = new() { S = RealBrokerRig.Issuer }, ["account_name"] = new() { S = "alice" } })).Item;
        Assert.True(item.ContainsKey("totp_secret_ciphertext"));
        Assert.False(item.ContainsKey("url"));
        Assert.False(item.ContainsKey("invitation_verifier"));
        rig.Clock.Advance(TimeSpan.FromSeconds(TotpKey.PeriodSeconds));
        Assert.IsType<CredentialsIssued>(await rig.AskAsync("alice", rig.CodeNow(secret)));
    }

    [Fact]
    public async Task ConfirmCodesAreRefusedAfterwardsAsReplays()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-invite-replay");
        var code = await InviteAsync(rig, "alice");

        var (secret, _) = await EnrollAsync(rig, "alice", code);

        var refusal = Assert.IsType<RequestRefusal>(await rig.AskAsync("alice", rig.CodeNow(secret)));
        Assert.Equal(AuthenticationFailure.ReplayedCode, refusal.Failure);
    }

    [Fact]
    public async Task AuditOutageWithholdsActivation()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-invite-audit");
        var code = await InviteAsync(rig, "alice");
        rig.Sns.Fail(SnsStandIn.Publish, 403, "AuthorizationError");

        var (secret, confirmed) = await EnrollAsync(rig, "alice", code);

        Assert.Equal(Dependency.AuditTopic, Assert.IsType<EnrollmentDependencyFailed>(confirmed).Dependency);
        var state = (await rig.Table.Invitations.GetAsync(RealBrokerRig.Account("alice"), None))!;
        Assert.False(state.HasActiveDevice);
        Assert.NotNull(state.PendingCiphertext);
        rig.Clock.Advance(TimeSpan.FromSeconds(TotpKey.PeriodSeconds));
        Assert.IsType<RequestRefusal>(await rig.AskAsync("alice", rig.CodeNow(secret)));
    }

    [Fact]
    public async Task RotationNeedsTheOldDevicesCodeAndTheOldSecretWorksUntilConfirm()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-invite-rotation");
        var old = await rig.EnrollAsync("alice");
        var code = await InviteAsync(rig, "alice");

        var refused = await rig.Enrollment.StartAsync(new StartEnrollmentRequest(RealBrokerRig.Issuer, "alice", code, null), rig.Context, None);
        Assert.Equal(EnrollmentRefusalReason.DeviceCodeRequired, Assert.IsType<EnrollmentRefusal>(refused).Reason);

        var oldCode = rig.CodeNow(old);
        rig.Ledger.Remember(SecretKind.Code, oldCode);
        var started = Assert.IsType<EnrollmentStarted>(await rig.Enrollment.StartAsync(new StartEnrollmentRequest(RealBrokerRig.Issuer, "alice", code, oldCode), rig.Context, None));
        rig.Ledger.RememberKey(started.Key, rig.Clock.GetUtcNow);
        rig.Clock.Advance(TimeSpan.FromSeconds(TotpKey.PeriodSeconds));
        Assert.IsType<CredentialsIssued>(await rig.AskAsync("alice", rig.CodeNow(old)));
        var first = rig.CodeNow(started.Key.Secret);
        rig.Clock.Advance(TimeSpan.FromSeconds(TotpKey.PeriodSeconds));
        var confirmed = await rig.Enrollment.ConfirmAsync(
            new ConfirmEnrollmentRequest(RealBrokerRig.Issuer, "alice", code, first, rig.CodeNow(started.Key.Secret)), rig.Context, None);
        var secret = started.Key.Secret;

        Assert.True(Assert.IsType<EnrollmentConfirmed>(confirmed).Rotation);
        rig.Clock.Advance(TimeSpan.FromSeconds(TotpKey.PeriodSeconds));
        Assert.IsType<RequestRefusal>(await rig.AskAsync("alice", rig.CodeNow(old)));
        Assert.IsType<CredentialsIssued>(await rig.AskAsync("alice", rig.CodeNow(secret)));
        Assert.Equal(new[] { "CredentialsMinted", "DeviceEnrolled", "CredentialsMinted" }, rig.PublishedEventTypes());
    }
}
