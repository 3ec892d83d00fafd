using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Tests.Fixtures;
using StsFtw.Core.Accounts;
using StsFtw.Core.Invitations;
using StsFtw.Testing.Fixtures;
using static StsFtw.Aws.Tests.DynamoDb.AuthTableTestData;

namespace StsFtw.Aws.Tests.DynamoDb;

/// <summary>docs/INVITATIONS.md on the table: additive attributes, one conditional write per transition, races with one winner.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbInvitationStoreTests(DynaliteFixture fixture)
{
    private static CancellationToken None => CancellationToken.None;

    private static (InvitationCode Code, InvitationGrant Grant) Invitation(AccountKey account, bool lostDevice = false, TimeSpan? lifetime = null) =>
        InvitationGrant.Create(account, ["Developer"], ["bob"], Now, lifetime, lostDevice);

    private static byte[] Pending(byte tag) => [1, 2, 3, tag];

    [Fact]
    public async Task InvitationStoresAVerifierAndExpiryButNoCodeAndNoSecret()
    {
        var (table, _, name) = await NewTableAsync(fixture, "invite-write");
        var alice = Account("alice");
        var (code, grant) = Invitation(alice);

        await table.Invitations.CreateInvitationAsync(grant, None);

        var raw = (await RawItemAsync(fixture, name, alice))!;
        Assert.Equal(code.VerifierFor(alice), raw[AuthTableAttributes.InvitationVerifier].B.ToArray());
        Assert.Equal(Now.AddHours(24).ToUnixTimeSeconds(), Number(raw, AuthTableAttributes.InvitationExpiresAt));
        Assert.Equal(["Developer"], raw[AuthTableAttributes.Roles].L.Select(v => v.S));
        Assert.Equal(["bob"], raw[AuthTableAttributes.SecondaryAuthorization].L.Select(v => v.S));
        Assert.False(raw.ContainsKey(AuthTableAttributes.Url));
        Assert.False(raw.ContainsKey(AuthTableAttributes.TotpSecretCiphertext));
        Assert.False(raw.ContainsKey(AuthTableAttributes.PendingSecretCiphertext));
        Assert.False(raw.ContainsKey(AuthTableAttributes.InvitationLostDevice));
        Assert.DoesNotContain(raw.Values, v => v.S is { } s && s.Contains(code.Reveal()[5..], StringComparison.OrdinalIgnoreCase));
        var state = (await table.Invitations.GetAsync(alice, None))!;
        Assert.False(state.HasActiveDevice);
        Assert.Equal(grant.Invitation.ExpiresAt, state.Invitation!.ExpiresAt);
    }

    [Fact]
    public async Task InvitedAccountWithoutADeviceCannotAuthenticate()
    {
        var (table, _, _) = await NewTableAsync(fixture, "invite-no-secret");
        var alice = Account("alice");
        await table.Invitations.CreateInvitationAsync(Invitation(alice).Grant, None);

        var entry = (await table.GetEntriesAsync(alice, null, None)).Primary!;

        Assert.True(entry.Secret.IsEmpty);
    }

    [Fact]
    public async Task InvitationForAnEnrolledAccountKeepsItsDevice()
    {
        var (table, _, _) = await NewTableAsync(fixture, "invite-rotation");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);

        await table.Invitations.CreateInvitationAsync(Invitation(alice, lostDevice: true).Grant, None);

        var state = (await table.Invitations.GetAsync(alice, None))!;
        Assert.True(state.HasActiveDevice);
        Assert.Equal(Uri(alice), state.Entry.Secret.OtpAuthUri);
        Assert.True(state.Invitation!.LostDevice);
    }

    [Fact]
    public async Task NewInvitationDropsAnEarlierPendingSecret()
    {
        var (table, _, _) = await NewTableAsync(fixture, "invite-again");
        var alice = Account("alice");
        var first = Invitation(alice);
        await table.Invitations.CreateInvitationAsync(first.Grant, None);
        Assert.True(await table.Invitations.TryStorePendingAsync(alice, first.Grant.Invitation.Verifier, Pending(1), Now, None));

        var second = Invitation(alice);
        await table.Invitations.CreateInvitationAsync(second.Grant, None);

        var state = (await table.Invitations.GetAsync(alice, None))!;
        Assert.Null(state.PendingCiphertext);
        Assert.Equal(second.Grant.Invitation.Verifier, state.Invitation!.Verifier);
        Assert.False(await table.Invitations.TryStorePendingAsync(alice, first.Grant.Invitation.Verifier, Pending(2), Now, None));
    }

    [Fact]
    public async Task PendingSecretIsStoredOnlyForTheRightVerifierWhileTheInvitationIsOpen()
    {
        var (table, _, _) = await NewTableAsync(fixture, "invite-pending");
        var alice = Account("alice");
        var (_, grant) = Invitation(alice, lifetime: TimeSpan.FromHours(1));
        await table.Invitations.CreateInvitationAsync(grant, None);
        var verifier = grant.Invitation.Verifier;

        Assert.False(await table.Invitations.TryStorePendingAsync(alice, InvitationCode.Generate().VerifierFor(alice), Pending(1), Now, None));
        Assert.False(await table.Invitations.TryStorePendingAsync(alice, verifier, Pending(1), Now.AddHours(1), None));
        Assert.False(await table.Invitations.TryStorePendingAsync(Account("nobody"), verifier, Pending(1), Now, None));
        Assert.Null((await table.Invitations.GetAsync(alice, None))!.PendingCiphertext);

        Assert.True(await table.Invitations.TryStorePendingAsync(alice, verifier, Pending(1), Now, None));
        Assert.Equal(Pending(1), (await table.Invitations.GetAsync(alice, None))!.PendingCiphertext);
    }

    [Fact]
    public async Task LockedAccountGetsNoPendingSecret()
    {
        var (table, _, _) = await NewTableAsync(fixture, "invite-locked");
        var alice = Account("alice");
        var (_, grant) = Invitation(alice);
        await table.Invitations.CreateInvitationAsync(grant, None);
        for (var i = 0; i < Core.Enrollment.LockoutPolicy.Default.LockingFailure; i++)
        {
            await table.RecordFailureAsync(alice, null, Now, Core.Enrollment.LockoutPolicy.Default, None);
        }

        Assert.False(await table.Invitations.TryStorePendingAsync(alice, grant.Invitation.Verifier, Pending(1), Now, None));
    }

    [Fact]
    public async Task TwoRacingRedemptionsOneWins()
    {
        var (table, _, _) = await NewTableAsync(fixture, "invite-race");
        var alice = Account("alice");
        var (_, grant) = Invitation(alice);
        await table.Invitations.CreateInvitationAsync(grant, None);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => table.Invitations.TryStorePendingAsync(alice, grant.Invitation.Verifier, Pending((byte)i), Now, None))));

        var winner = Assert.Single(Enumerable.Range(0, 8), i => results[i]);
        Assert.Equal(Pending((byte)winner), (await table.Invitations.GetAsync(alice, None))!.PendingCiphertext);
    }

    [Fact]
    public async Task ActivationMakesThePendingSecretActiveConsumesTheInvitationAndRecordsTheStep()
    {
        var (table, _, name) = await NewTableAsync(fixture, "invite-activate");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        await table.RecordFailureAsync(alice, null, Now, Core.Enrollment.LockoutPolicy.Default, None);
        var (_, grant) = Invitation(alice);
        await table.Invitations.CreateInvitationAsync(grant, None);
        Assert.True(await table.Invitations.TryStorePendingAsync(alice, grant.Invitation.Verifier, Pending(7), Now, None));

        Assert.True(await table.Invitations.TryActivateAsync(alice, grant.Invitation.Verifier, Pending(7), 1000, Now, None));

        var raw = (await RawItemAsync(fixture, name, alice))!;
        Assert.Equal(Pending(7), raw[AuthTableAttributes.TotpSecretCiphertext].B.ToArray());
        Assert.Equal(1000, Number(raw, AuthTableAttributes.LastTimeStep));
        Assert.Equal(0, Number(raw, AuthTableAttributes.FailedAttempts));
        foreach (var gone in new[] { AuthTableAttributes.Url, AuthTableAttributes.PendingSecretCiphertext, AuthTableAttributes.InvitationVerifier,
            AuthTableAttributes.InvitationExpiresAt, AuthTableAttributes.InvitationLostDevice, AuthTableAttributes.BudgetFailures })
        {
            Assert.False(raw.ContainsKey(gone), gone);
        }
        Assert.False(await table.Invitations.TryStorePendingAsync(alice, grant.Invitation.Verifier, Pending(8), Now, None));
    }

    [Fact]
    public async Task ConfirmCodesAreRefusedAfterwardsAsReplays()
    {
        var (table, _, _) = await NewTableAsync(fixture, "invite-replay");
        var alice = Account("alice");
        var (_, grant) = Invitation(alice);
        await table.Invitations.CreateInvitationAsync(grant, None);
        await table.Invitations.TryStorePendingAsync(alice, grant.Invitation.Verifier, Pending(1), Now, None);
        Assert.True(await table.Invitations.TryActivateAsync(alice, grant.Invitation.Verifier, Pending(1), 1000, Now, None));

        Assert.False(await table.TryAcceptTimeStepAsync(alice, 1000, Now, None));
        Assert.False(await table.TryAcceptTimeStepAsync(alice, 999, Now, None));
        Assert.False(await table.Invitations.TryActivateAsync(alice, grant.Invitation.Verifier, Pending(1), 1001, Now, None));
        Assert.True(await table.TryAcceptTimeStepAsync(alice, 1001, Now, None));
    }

    [Fact]
    public async Task ActivationIsRefusedWhenThePendingSecretTheStepOrTheExpiryDoNotHold()
    {
        var (table, _, _) = await NewTableAsync(fixture, "invite-activate-refused");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        await table.TryAcceptTimeStepAsync(alice, 1000, Now, None);
        var (_, grant) = Invitation(alice, lifetime: TimeSpan.FromHours(1));
        await table.Invitations.CreateInvitationAsync(grant, None);
        var verifier = grant.Invitation.Verifier;
        await table.Invitations.TryStorePendingAsync(alice, verifier, Pending(1), Now, None);

        Assert.False(await table.Invitations.TryActivateAsync(alice, verifier, Pending(2), 1001, Now, None));
        Assert.False(await table.Invitations.TryActivateAsync(alice, verifier, Pending(1), 1000, Now, None));
        Assert.False(await table.Invitations.TryActivateAsync(alice, verifier, Pending(1), 1001, Now.AddHours(1), None));
        Assert.False(await table.Invitations.TryActivateAsync(alice, InvitationCode.Generate().VerifierFor(alice), Pending(1), 1001, Now, None));
        Assert.Equal(Uri(alice), (await table.GetAsync(alice, None))!.Secret.OtpAuthUri);

        Assert.True(await table.Invitations.TryActivateAsync(alice, verifier, Pending(1), 1001, Now, None));
    }

    [Fact]
    public async Task TwoRacingConfirmationsActivateOnce()
    {
        var (table, _, _) = await NewTableAsync(fixture, "invite-confirm-race");
        var alice = Account("alice");
        var (_, grant) = Invitation(alice);
        await table.Invitations.CreateInvitationAsync(grant, None);
        await table.Invitations.TryStorePendingAsync(alice, grant.Invitation.Verifier, Pending(1), Now, None);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => table.Invitations.TryActivateAsync(alice, grant.Invitation.Verifier, Pending(1), 1000 + i, Now, None))));

        Assert.Single(results, won => won);
    }
}
