using StsFtw.Aws.Tests.Fixtures;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Invitations;
using StsFtw.Testing.Faults;
using StsFtw.Testing.Fixtures;
using static StsFtw.Aws.Tests.DynamoDb.AuthTableTestData;

namespace StsFtw.Aws.Tests.Faults;

/// <summary>
/// The invitation writes under faults, through a <see cref="FaultProxy"/> between the real DynamoDB client (its
/// retries) and dynalite: a write that applied but whose answer was lost is not refused as its own race.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class InvitationWriteFaultTests(DynaliteFixture dynalite) : IDisposable
{
    private static readonly byte[] Pending = [9, 8, 7];
    private readonly FaultProxy _proxy = new(dynalite.ServiceUrl);
    private readonly List<IDisposable> _clients = new();

    [Fact]
    public async Task RedemptionWhoseAnswerWasLostIsNotMistakenForItsOwnRace()
    {
        var (faulted, inspect, verifier) = await InvitedAsync("redeem-lost-answer");
        _proxy.ApplyThenDrop("UpdateItem", times: 1);

        Assert.True(await faulted.Invitations.TryStorePendingAsync(Account("alice"), verifier, Pending, Now, CancellationToken.None));

        Assert.Equal(Pending, (await inspect.Invitations.GetAsync(Account("alice"), CancellationToken.None))!.PendingCiphertext);
        Assert.True(_proxy.RequestsTo("UpdateItem").Count >= 2, "the SDK did not retry; the test proved nothing");
    }

    [Fact]
    public async Task ActivationWhoseAnswerWasLostIsNotMistakenForItsOwnRace()
    {
        var (faulted, inspect, verifier) = await InvitedAsync("activate-lost-answer");
        await inspect.Invitations.TryStorePendingAsync(Account("alice"), verifier, Pending, Now, CancellationToken.None);
        _proxy.ApplyThenDrop("UpdateItem", times: 1);

        Assert.True(await faulted.Invitations.TryActivateAsync(Account("alice"), verifier, Pending, 1000, Now, CancellationToken.None));

        var state = (await inspect.Invitations.GetAsync(Account("alice"), CancellationToken.None))!;
        Assert.Equal(Pending, state.Entry.Secret.Ciphertext);
        Assert.Null(state.Invitation);
        Assert.True(_proxy.RequestsTo("UpdateItem").Count >= 2, "the SDK did not retry; the test proved nothing");
    }

    [Fact]
    public async Task ThrottledActivationLeavesThePendingSecretPending()
    {
        var (faulted, inspect, verifier) = await InvitedAsync("activate-throttled");
        await inspect.Invitations.TryStorePendingAsync(Account("alice"), verifier, Pending, Now, CancellationToken.None);
        _proxy.Fail("UpdateItem", 400, "ProvisionedThroughputExceededException");

        var error = await Assert.ThrowsAsync<DependencyFailureException>(() =>
            faulted.Invitations.TryActivateAsync(Account("alice"), verifier, Pending, 1000, Now, CancellationToken.None));

        Assert.Equal(Dependency.AuthTable, error.Dependency);
        var state = (await inspect.Invitations.GetAsync(Account("alice"), CancellationToken.None))!;
        Assert.False(state.HasActiveDevice);
        Assert.Equal(Pending, state.PendingCiphertext);
    }

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
        _proxy.Dispose();
    }

    private async Task<(AuthTableStores Faulted, AuthTableStores Inspect, byte[] Verifier)> InvitedAsync(string purpose)
    {
        var name = await dynalite.CreateAuthTableAsync(purpose);
        var client = DynaliteFixture.CreateClient(_proxy.ServiceUrl);
        _clients.Add(client);
        var inspect = new AuthTableStores(dynalite.Client, name);
        var (_, grant) = InvitationGrant.Create(Account("alice"), ["Developer"], [], Now, null, false);
        await inspect.Invitations.CreateInvitationAsync(grant, CancellationToken.None);
        return (new AuthTableStores(client, name), inspect, grant.Invitation.Verifier);
    }
}
