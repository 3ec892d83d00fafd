using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Tests.Fixtures;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Invitations;
using StsFtw.Testing.Fixtures;
using static StsFtw.Aws.Tests.DynamoDb.AuthTableTestData;

namespace StsFtw.Aws.Tests.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAuthTableAdminPathTests(DynaliteFixture fixture)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task CreatedEntryIsWrittenInStsftwFormatWithStampsAndFirstRevision()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-create");
        var alice = Account("alice");

        await table.CreateAsync(Entry(alice, ["Developer"]), overwrite: false, None);

        var raw = (await RawItemAsync(fixture, name, alice))!;
        Assert.Equal(Uri(alice), raw[AuthTableAttributes.Url].S);
        Assert.Equal(["Developer"], raw[AuthTableAttributes.Roles].L.Select(v => v.S));
        Assert.NotNull(raw[AuthTableAttributes.SecondaryAuthorization].L);
        Assert.Empty(raw[AuthTableAttributes.SecondaryAuthorization].L);
        Assert.NotEqual(true, raw[AuthTableAttributes.SecondaryAuthorization].NULL);
        Assert.False(raw.ContainsKey(AuthTableAttributes.TotpSecretCiphertext));
        Assert.Equal("2025-03-01T12:00:00.000Z", raw[AuthTableAttributes.CreatedAt].S);
        Assert.Equal("2025-03-01T12:00:00.000Z", raw[AuthTableAttributes.UpdatedAt].S);
        Assert.Equal(1, Number(raw, AuthTableAttributes.Revision));
        var entry = (await table.GetAsync(alice, None))!;
        Assert.Equal(Now, entry.CreatedAt);
        Assert.Equal(Now, entry.UpdatedAt);
    }

    [Fact]
    public async Task CiphertextIsStoredAsBinaryWithoutPlaintextUrl()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-ciphertext");
        var alice = Account("alice");
        var ciphertext = new byte[] { 1, 2, 3, 4, 250 };

        await table.CreateAsync(Entry(alice) with { Secret = new StoredSecret(Uri(alice), ciphertext) }, overwrite: false, None);

        var raw = (await RawItemAsync(fixture, name, alice))!;
        Assert.False(raw.ContainsKey(AuthTableAttributes.Url));
        Assert.Equal(ciphertext, raw[AuthTableAttributes.TotpSecretCiphertext].B.ToArray());
        var entry = (await table.GetAsync(alice, None))!;
        Assert.Equal(ciphertext, entry.Secret.Ciphertext);
        Assert.Null(entry.Secret.OtpAuthUri);
    }

    [Fact]
    public async Task CreateRefusesAnEnrolledAccountWithoutOverwrite()
    {
        var (table, _, _) = await NewTableAsync(fixture, "admin-exists");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice, ["Developer"]), overwrite: false, None);

        var error = await Assert.ThrowsAsync<EnrollmentExistsException>(() => table.CreateAsync(Entry(alice, ["Admin"]), overwrite: false, None));

        Assert.Equal(alice, error.Account);
        Assert.Equal(["Developer"], (await table.GetAsync(alice, None))!.Roles);
    }

    [Fact]
    public async Task OverwriteReplacesTheEntryAndItsReplayAndLockState()
    {
        var (table, clock, name) = await NewTableAsync(fixture, "admin-overwrite");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice, ["Developer"]), overwrite: false, None);
        await table.TryAcceptTimeStepAsync(alice, 1000, Now, None);
        for (var i = 0; i < 5; i++) await table.RecordFailureAsync(alice, Now, LockoutPolicy.Default, None);
        clock.Advance(TimeSpan.FromMinutes(1));

        await table.CreateAsync(Entry(alice, ["Admin"]), overwrite: true, None);

        var entry = (await table.GetAsync(alice, None))!;
        Assert.Equal(["Admin"], entry.Roles);
        Assert.Null(entry.LastAcceptedTimeStep);
        Assert.Null(entry.LockedUntil);
        Assert.Equal(0, entry.ConsecutiveFailures);
        Assert.Equal(Now.AddMinutes(1), entry.CreatedAt);
        Assert.Equal(2, Number((await RawItemAsync(fixture, name, alice))!, AuthTableAttributes.Revision));
    }

    [Fact]
    public async Task OverwriteOfAnAbsentAccountCreatesIt()
    {
        var (table, _, _) = await NewTableAsync(fixture, "admin-overwrite-new");
        var alice = Account("alice");

        await table.CreateAsync(Entry(alice), overwrite: true, None);

        Assert.NotNull(await table.GetAsync(alice, None));
    }

    [Fact]
    public async Task EntryWithoutSecretIsRefused()
    {
        var (table, _, _) = await NewTableAsync(fixture, "admin-nosecret");

        await Assert.ThrowsAsync<ArgumentException>(
            () => table.CreateAsync(Entry(Account("alice")) with { Secret = StoredSecret.None }, overwrite: false, None));
    }

    [Fact]
    public async Task UnknownAccountReadsAsNull()
    {
        var (table, _, _) = await NewTableAsync(fixture, "admin-get");

        Assert.Null(await table.GetAsync(Account("ghost"), None));
    }

    [Fact]
    public async Task ListingPagesThroughAnIssuerInKeyOrderWithoutDuplicates()
    {
        var (table, _, _) = await NewTableAsync(fixture, "admin-list");
        var expected = Enumerable.Range(0, 25).Select(i => Account($"user{i:D2}")).ToList();
        foreach (var account in expected) await table.CreateAsync(Entry(account), overwrite: false, None);
        for (var i = 0; i < 5; i++) await table.CreateAsync(Entry(Account($"other{i}", "OtherIssuer")), overwrite: false, None);

        var pages = await ReadAllPagesAsync(table, AuthTableTestData.Issuer, 10);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Entries.Count));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(expected, pages.SelectMany(p => p.Entries).Select(e => e.Account));
    }

    [Fact]
    public async Task ListingWithoutIssuerScansTheWholeTableWithoutDuplicates()
    {
        var (table, _, _) = await NewTableAsync(fixture, "admin-scan");
        var expected = Enumerable.Range(0, 12).Select(i => Account($"user{i:D2}"))
            .Concat(Enumerable.Range(0, 13).Select(i => Account($"other{i:D2}", "OtherIssuer"))).ToList();
        foreach (var account in expected) await table.CreateAsync(Entry(account), overwrite: false, None);

        var pages = await ReadAllPagesAsync(table, null, 10);

        var listed = pages.SelectMany(p => p.Entries).Select(e => e.Account).ToList();
        Assert.Equal(25, listed.Count);
        Assert.Equal(expected.OrderBy(a => a.ToString(), StringComparer.Ordinal), listed.OrderBy(a => a.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListingRefusesMalformedOrForeignTokensAndBadPageSizes()
    {
        var (table, _, _) = await NewTableAsync(fixture, "admin-list-bad");
        foreach (var account in new[] { Account("a"), Account("b"), Account("c") }) await table.CreateAsync(Entry(account), overwrite: false, None);
        var first = await table.ListAsync(AuthTableTestData.Issuer, 1, null, None);

        await Assert.ThrowsAsync<ArgumentException>("continuationToken", () => table.ListAsync(null, 10, "not a token", None));
        await Assert.ThrowsAsync<ArgumentException>("continuationToken", () => table.ListAsync(null, 10, "v1.!!!.AAAA", None));
        await Assert.ThrowsAsync<ArgumentException>("continuationToken", () => table.ListAsync("OtherIssuer", 10, first.ContinuationToken, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("pageSize", () => table.ListAsync(null, 0, null, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("pageSize", () => table.ListAsync(null, 1001, null, None));
    }

    [Fact]
    public async Task UpdateAccessAddsRemovesAndReplacesNames()
    {
        var (table, clock, name) = await NewTableAsync(fixture, "admin-access");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice, ["Developer", "ReadOnly"]), overwrite: false, None);
        clock.Advance(TimeSpan.FromSeconds(5));

        var added = await table.UpdateAccessAsync(alice, ListChange.AddRemove(["Admin"], ["ReadOnly"]), ListChange.AddRemove(["bob"], null), None);
        var replaced = await table.UpdateAccessAsync(alice, ListChange.ReplaceWith(["Auditor"]), null, None);
        var cleared = await table.UpdateAccessAsync(alice, null, ListChange.ReplaceWith([]), None);

        Assert.Equal(["Developer", "Admin"], added.Roles);
        Assert.Equal(["bob"], added.SecondaryAuthorizers);
        Assert.Equal(Now.AddSeconds(5), added.UpdatedAt);
        Assert.Equal(["Auditor"], replaced.Roles);
        Assert.Equal(["bob"], replaced.SecondaryAuthorizers);
        Assert.Equal(["Auditor"], cleared.Roles);
        Assert.Empty(cleared.SecondaryAuthorizers);
        var raw = (await RawItemAsync(fixture, name, alice))!;
        Assert.Empty(raw[AuthTableAttributes.SecondaryAuthorization].L);
        Assert.Equal(4, Number(raw, AuthTableAttributes.Revision));
    }

    [Fact]
    public async Task UpdateAccessWorksOnStsftwEntriesWithoutRevision()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-access-legacy");
        var alice = Account("alice");
        await PutRawItemAsync(fixture, name, StsftwItem(alice, ["Developer"]));

        var updated = await table.UpdateAccessAsync(alice, null, ListChange.AddRemove(["bob"], null), None);

        Assert.Equal(["Developer"], updated.Roles);
        Assert.Equal(["bob"], updated.SecondaryAuthorizers);
        Assert.Equal(1, Number((await RawItemAsync(fixture, name, alice))!, AuthTableAttributes.Revision));
    }

    [Fact]
    public async Task ConcurrentAccessChangesAreNeverLost()
    {
        var (table, _, _) = await NewTableAsync(fixture, "admin-access-race");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice, []), overwrite: false, None);
        var roles = Enumerable.Range(0, 10).Select(i => $"Role{i}").ToList();

        await Task.WhenAll(roles.Select(role => Task.Run(() => table.UpdateAccessAsync(alice, ListChange.AddRemove([role], null), null, None))));

        var entry = (await table.GetAsync(alice, None))!;
        Assert.Equal(roles.OrderBy(r => r, StringComparer.Ordinal), entry.Roles.OrderBy(r => r, StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpdateAccessOfUnknownAccountIsNotFound()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-access-unknown");
        var ghost = Account("ghost");

        await Assert.ThrowsAsync<EnrollmentNotFoundException>(() => table.UpdateAccessAsync(ghost, ListChange.AddRemove(["Admin"], null), null, None));
        Assert.Null(await RawItemAsync(fixture, name, ghost));
    }

    [Fact]
    public async Task ReplacingTheSecretForgetsReplayFailureAndLockState()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-secret");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        await table.TryAcceptTimeStepAsync(alice, 1000, Now, None);
        for (var i = 0; i < 6; i++) await table.RecordFailureAsync(alice, Now, LockoutPolicy.Default, None);
        var ciphertext = new byte[] { 9, 8, 7 };

        await table.ReplaceSecretAsync(alice, new StoredSecret(null, ciphertext), None);

        var entry = (await table.GetAsync(alice, None))!;
        Assert.Equal(ciphertext, entry.Secret.Ciphertext);
        Assert.Null(entry.Secret.OtpAuthUri);
        Assert.Null(entry.LastAcceptedTimeStep);
        Assert.Null(entry.LockedUntil);
        Assert.Equal(0, entry.ConsecutiveFailures);
        Assert.Equal(2, Number((await RawItemAsync(fixture, name, alice))!, AuthTableAttributes.Revision));
        Assert.True(await table.TryAcceptTimeStepAsync(alice, 1, Now, None));

        await table.ReplaceSecretAsync(alice, new StoredSecret(Uri(alice), null), None);

        var raw = (await RawItemAsync(fixture, name, alice))!;
        Assert.Equal(Uri(alice), raw[AuthTableAttributes.Url].S);
        Assert.False(raw.ContainsKey(AuthTableAttributes.TotpSecretCiphertext));
    }

    [Fact]
    public async Task ReplacingTheSecretOfUnknownAccountIsNotFound()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-secret-unknown");
        var ghost = Account("ghost");

        await Assert.ThrowsAsync<EnrollmentNotFoundException>(() => table.ReplaceSecretAsync(ghost, new StoredSecret(Uri(ghost), null), None));
        Assert.Null(await RawItemAsync(fixture, name, ghost));
    }

    [Fact]
    public async Task ReplacingTheSecretEndsAnOutstandingInvitationAndItsPendingSecretInTheSameWrite()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-secret-invited-device");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        await WithPendingSecretAsync(name, alice, lostDevice: true, table);

        await table.ReplaceSecretAsync(alice, new StoredSecret(null, [9, 8, 7]), None);

        var raw = (await RawItemAsync(fixture, name, alice))!;
        Assert.Equal([9, 8, 7], raw[AuthTableAttributes.TotpSecretCiphertext].B.ToArray());
        Assert.DoesNotContain(raw.Keys, InvitationAttributes.Contains);
    }

    // SECURITY.md rule I12: the cmdlet refuses an invited-only account, and the write fails closed as well, so an item
    // that became invited-only between the admin's read and the write keeps its invitation and gets no device.
    [Fact]
    public async Task RotatingAnInvitedOnlyAccountFailsClosedAtTheStoreAndWritesNothing()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-secret-invited-only");
        var alice = Account("alice");
        await WithPendingSecretAsync(name, alice, lostDevice: false, table);
        var before = (await RawItemAsync(fixture, name, alice))!;

        await Assert.ThrowsAsync<EnrollmentHasNoDeviceException>(() => table.ReplaceSecretAsync(alice, new StoredSecret(Uri(alice), null), None));

        var after = (await RawItemAsync(fixture, name, alice))!;
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.False(after.ContainsKey(AuthTableAttributes.Url));
        Assert.Equal(before[AuthTableAttributes.InvitationVerifier].B.ToArray(), after[AuthTableAttributes.InvitationVerifier].B.ToArray());
    }

    // SECURITY.md rule I12: the admin enrolls an account read as holding only an invitation; the write replaces the
    // whole item, and only while it still has no device.
    [Fact]
    public async Task EnrollingAnInvitedAccountReplacesTheWholeItem()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-enroll-invited");
        var alice = Account("alice");
        await WithPendingSecretAsync(name, alice, lostDevice: false, table);

        await table.EnrollInvitedAsync(Entry(alice), None);

        var after = (await RawItemAsync(fixture, name, alice))!;
        Assert.Equal(Uri(alice), after[AuthTableAttributes.Url].S);
        Assert.DoesNotContain(after.Keys, InvitationAttributes.Contains);
    }

    [Fact]
    public async Task EnrollingAnInvitedAccountNeverReplacesADeviceActivatedMeanwhile()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-enroll-activated");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        var before = (await RawItemAsync(fixture, name, alice))!;
        var admins = Entry(alice) with { Secret = new StoredSecret(Uri(alice).Replace("secret=", "secret=AB", StringComparison.Ordinal), null) };

        await Assert.ThrowsAsync<EnrollmentExistsException>(() => table.EnrollInvitedAsync(admins, None));

        Assert.Equal(before[AuthTableAttributes.Url].S, (await RawItemAsync(fixture, name, alice))![AuthTableAttributes.Url].S);
    }

    private static readonly string[] InvitationAttributes =
    [
        AuthTableAttributes.InvitationVerifier, AuthTableAttributes.InvitationExpiresAt, AuthTableAttributes.InvitationLostDevice,
        AuthTableAttributes.PendingSecretCiphertext,
    ];

    // An invitation redeemed and not yet confirmed: the verifier and expiry written by the store, the pending secret by hand.
    private async Task WithPendingSecretAsync(string name, AccountKey account, bool lostDevice, AuthTableStores table)
    {
        await table.Invitations.CreateInvitationAsync(InvitationGrant.Create(account, ["Developer"], [], Now, null, lostDevice).Grant, None);
        var item = (await RawItemAsync(fixture, name, account))!;
        item[AuthTableAttributes.PendingSecretCiphertext] = new() { B = new MemoryStream([1, 2, 3]) };
        await PutRawItemAsync(fixture, name, item);
    }

    [Fact]
    public async Task EncryptingAPlaintextSecretKeepsReplayFailureAndLockState()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-encrypt");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        Assert.True(await table.TryAcceptTimeStepAsync(alice, 500, Now, None));
        for (var i = 0; i < 6; i++) await table.RecordFailureAsync(alice, Now, LockoutPolicy.Default, None);
        var before = (await table.GetAsync(alice, None))!;
        var ciphertext = new byte[] { 7, 7, 7 };

        Assert.True(await table.EncryptPlaintextSecretAsync(alice, Uri(alice), ciphertext, None));

        var raw = (await RawItemAsync(fixture, name, alice))!;
        Assert.False(raw.ContainsKey(AuthTableAttributes.Url));
        Assert.Equal(ciphertext, raw[AuthTableAttributes.TotpSecretCiphertext].B.ToArray());
        var after = (await table.GetAsync(alice, None))!;
        Assert.Equal(500L, after.LastAcceptedTimeStep);
        Assert.Equal(before.LockedUntil, after.LockedUntil);
        Assert.Equal(before.ConsecutiveFailures, after.ConsecutiveFailures);
        Assert.Equal(2, Number(raw, AuthTableAttributes.Revision));
        Assert.False(await table.TryAcceptTimeStepAsync(alice, 500, Now.AddHours(1), None));
    }

    [Fact]
    public async Task EncryptingWritesNothingWhenTheEntryNoLongerHoldsThatPlaintext()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-encrypt-stale");
        var alice = Account("alice");
        var bob = Account("bob");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        await table.CreateAsync(Entry(bob) with { Secret = new StoredSecret(null, [1, 2, 3]) }, overwrite: false, None);

        Assert.False(await table.EncryptPlaintextSecretAsync(alice, Uri(bob), [9], None));
        Assert.False(await table.EncryptPlaintextSecretAsync(bob, Uri(bob), [9], None));
        Assert.False(await table.EncryptPlaintextSecretAsync(Account("ghost"), Uri(alice), [9], None));

        Assert.Equal(Uri(alice), (await RawItemAsync(fixture, name, alice))![AuthTableAttributes.Url].S);
        Assert.Equal([1, 2, 3], (await RawItemAsync(fixture, name, bob))![AuthTableAttributes.TotpSecretCiphertext].B.ToArray());
        Assert.Null(await RawItemAsync(fixture, name, Account("ghost")));
    }

    [Fact]
    public async Task UnlockClearsTheLockAndTheFailureCount()
    {
        var (table, _, name) = await NewTableAsync(fixture, "admin-unlock");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);
        for (var i = 0; i < 7; i++) await table.RecordFailureAsync(alice, Now, LockoutPolicy.Default, None);

        Assert.True(await table.UnlockAsync(alice, None));
        Assert.False(await table.UnlockAsync(Account("ghost"), None));

        var entry = (await table.GetAsync(alice, None))!;
        Assert.Null(entry.LockedUntil);
        Assert.Equal(0, entry.ConsecutiveFailures);
        Assert.True(await table.TryAcceptTimeStepAsync(alice, 1000, Now, None));
        Assert.Null(await RawItemAsync(fixture, name, Account("ghost")));
    }

    [Fact]
    public async Task DeleteRemovesTheEntryAndReportsWhetherOneExisted()
    {
        var (table, _, _) = await NewTableAsync(fixture, "admin-delete");
        var alice = Account("alice");
        await table.CreateAsync(Entry(alice), overwrite: false, None);

        Assert.True(await table.DeleteAsync(alice, None));
        Assert.False(await table.DeleteAsync(alice, None));
        Assert.Null(await table.GetAsync(alice, None));
    }

    private static async Task<List<EnrollmentPage>> ReadAllPagesAsync(AuthTableStores table, string? issuer, int pageSize)
    {
        var pages = new List<EnrollmentPage>();
        string? token = null;
        do
        {
            var page = await table.ListAsync(issuer, pageSize, token, CancellationToken.None);
            pages.Add(page);
            token = page.ContinuationToken;
            Assert.True(pages.Count < 100, "The listing does not end.");
        }
        while (token is not null);
        return pages;
    }
}
