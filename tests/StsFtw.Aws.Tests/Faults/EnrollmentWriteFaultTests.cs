using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Kms;
using StsFtw.Aws.Tests.Fixtures;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Enrollment;
using StsFtw.Testing.Faults;
using StsFtw.Testing.Fixtures;
using static StsFtw.Aws.Tests.DynamoDb.AuthTableTestData;

namespace StsFtw.Aws.Tests.Faults;

/// <summary>
/// Enrollment writes land whole or not at all. The admin path encrypts with KMS, then writes one item
/// (<see cref="AdminEnrollment"/> and the module's EnrollmentAdmin do exactly that); faults are injected at the KMS
/// stand-in and at a <see cref="FaultProxy"/> between the real DynamoDB client (production timeouts and retries) and
/// dynalite. The table is inspected straight on dynalite.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class EnrollmentWriteFaultTests(DynaliteFixture dynalite) : IDisposable
{
    private readonly KmsStandIn _kms = new();
    private readonly FaultProxy _proxy = new(dynalite.ServiceUrl);
    private readonly List<IDisposable> _clients = new();

    [Theory]
    [InlineData("AccessDeniedException")]
    [InlineData("KMSInvalidStateException")]
    public async Task RefusedKmsEncryptWritesNothing(string errorType)
    {
        var (table, inspect) = await TablesAsync("kms-refused");
        _kms.Fail(KmsStandIn.Encrypt, 400, errorType);

        var error = await Assert.ThrowsAsync<DependencyFailureException>(() => EnrollAsync(table, "alice"));

        Assert.Equal(Dependency.SecretKey, error.Dependency);
        Assert.Single(_kms.CallsTo(KmsStandIn.Encrypt));
        Assert.Empty(_proxy.Requests);
        Assert.Null(await inspect.GetAsync(Account("alice"), CancellationToken.None));
    }

    [Fact]
    public async Task ThrottledKmsEncryptWritesNothingAfterBoundedRetries()
    {
        var (table, inspect) = await TablesAsync("kms-throttled");
        _kms.Throttle(KmsStandIn.Encrypt);

        var error = await Assert.ThrowsAsync<DependencyFailureException>(() => EnrollAsync(table, "alice"));

        Assert.Equal(Dependency.SecretKey, error.Dependency);
        Assert.Equal(1 + KmsClientFactory.DefaultMaxErrorRetry, _kms.CallsTo(KmsStandIn.Encrypt).Count);
        Assert.Empty(_proxy.Requests);
        Assert.Null(await inspect.GetAsync(Account("alice"), CancellationToken.None));
    }

    [Fact]
    public async Task NewDeviceWhoseKmsEncryptFailsLeavesTheOldSecretInPlace()
    {
        var (table, inspect) = await TablesAsync("rotate-kms-refused");
        await EnrollAsync(table, "alice");
        var before = await inspect.GetAsync(Account("alice"), CancellationToken.None);
        _kms.Fail(KmsStandIn.Encrypt, 400, "AccessDeniedException");
        var writesBefore = _proxy.Requests.Count;

        // Set-StsEnrollment -RotateDevice: protect the new key, then replace the secret.
        var newKey = TotpKey.Generate(Issuer, "alice");
        await Assert.ThrowsAsync<DependencyFailureException>(async () =>
            await table.ReplaceSecretAsync(Account("alice"), await Protector().ProtectAsync(Account("alice"), newKey, CancellationToken.None), CancellationToken.None));

        Assert.Equal(writesBefore, _proxy.Requests.Count);
        var after = await inspect.GetAsync(Account("alice"), CancellationToken.None);
        Assert.Equal(before!.Secret.Ciphertext, after!.Secret.Ciphertext);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Theory]
    [InlineData("ProvisionedThroughputExceededException", 400)]
    [InlineData("ThrottlingException", 400)]
    [InlineData("InternalServerError", 500)]
    public async Task FailedPutItemLeavesNoEntryAfterBoundedRetries(string errorType, int status)
    {
        var (table, inspect) = await TablesAsync("put-failed");
        _proxy.Fail("PutItem", status, errorType);

        var error = await Assert.ThrowsAsync<DependencyFailureException>(() => EnrollAsync(table, "alice"));

        Assert.Equal(Dependency.AuthTable, error.Dependency);
        Assert.Equal(1 + AuthTableClientFactory.DefaultMaxErrorRetry, _proxy.RequestsTo("PutItem").Count);
        Assert.Null(await inspect.GetAsync(Account("alice"), CancellationToken.None));
    }

    [Fact]
    public async Task StalledPutItemLeavesNoEntry()
    {
        var (table, inspect) = await TablesAsync("put-stalled", attemptTimeout: TimeSpan.FromSeconds(1));
        _proxy.Stall("PutItem", TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<DependencyFailureException>(() => EnrollAsync(table, "alice"));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + AuthTableClientFactory.DefaultMaxErrorRetry, _proxy.RequestsTo("PutItem").Count);
        Assert.Null(await inspect.GetAsync(Account("alice"), CancellationToken.None));
    }

    [Fact]
    public async Task PutItemAnswersCutShortCountAgainstTheRetryLimit()
    {
        var (table, inspect) = await TablesAsync("put-truncated");
        _proxy.Truncate("PutItem");

        var error = await Assert.ThrowsAsync<DependencyFailureException>(() => EnrollAsync(table, "alice"));

        Assert.Equal(Dependency.AuthTable, error.Dependency);
        Assert.Equal(1 + AuthTableClientFactory.DefaultMaxErrorRetry, _proxy.RequestsTo("PutItem").Count);
        Assert.Null(await inspect.GetAsync(Account("alice"), CancellationToken.None));
    }

    // Regression: the SDK retried a put whose answer was lost, the retry found the entry its own first attempt had
    // written, and New-StsEnrollment reported "already enrolled" for the enrollment it had just made.
    [Fact]
    public async Task PutItemWhoseAnswerWasLostLandsOnceAndIsReportedAsDone()
    {
        var (table, inspect) = await TablesAsync("put-lost-answer");
        _proxy.ApplyThenDrop("PutItem", times: 1);

        var key = await EnrollAsync(table, "alice", roles: new[] { "Developer", "Operator" });

        Assert.Equal(2, _proxy.RequestsTo("PutItem").Count);
        var entry = await inspect.GetAsync(Account("alice"), CancellationToken.None);
        Assert.Equal(new[] { "Developer", "Operator" }, entry!.Roles);
        Assert.True(entry.Secret.HasCiphertext);
        var revealed = await Protector().RevealAsync(Account("alice"), entry.Secret, CancellationToken.None);
        Assert.Equal(key.Secret.ToBase32(), revealed!.ToBase32());
    }

    [Fact]
    public async Task SomeoneElsesEntryIsStillReportedAsExisting()
    {
        var (table, _) = await TablesAsync("put-exists");
        await EnrollAsync(table, "alice");

        await Assert.ThrowsAsync<EnrollmentExistsException>(() => EnrollAsync(table, "alice"));
    }

    [Fact]
    public async Task RacingRevisionGuardedUpdatesEachLandWholeOrRetryWhole()
    {
        var (table, inspect) = await TablesAsync("update-race");
        await EnrollAsync(table, "alice");
        var roles = Enumerable.Range(1, 8).Select(i => $"Role{i}").ToArray();

        await Task.WhenAll(roles.Select(role => Task.Run(() =>
            table.UpdateAccessAsync(Account("alice"), ListChange.AddRemove(new[] { role }, null), null, CancellationToken.None))));

        var entry = await inspect.GetAsync(Account("alice"), CancellationToken.None);
        Assert.Equal(new[] { "Developer" }.Concat(roles).OrderBy(r => r, StringComparer.Ordinal), entry!.Roles.OrderBy(r => r, StringComparer.Ordinal));
        var raw = await RawItemAsync(dynalite, TableNameOf(inspect), Account("alice"));
        Assert.Equal(1 + roles.Length, Number(raw!, AuthTableAttributes.Revision));
        // More updates were sent than landed: the losers failed their revision condition whole and retried on a fresh read.
        Assert.True(_proxy.RequestsTo("UpdateItem").Count > roles.Length, "no update lost a race; the test proved nothing");
    }

    [Fact]
    public async Task AddRoleWhoseAnswerWasLostIsNotAppliedTwice()
    {
        var (table, inspect) = await TablesAsync("add-lost-answer");
        await EnrollAsync(table, "alice");
        _proxy.ApplyThenDrop("UpdateItem", times: 1);

        var updated = await table.UpdateAccessAsync(Account("alice"), ListChange.AddRemove(new[] { "Admin" }, null), null, CancellationToken.None);

        Assert.Equal(new[] { "Developer", "Admin" }, updated.Roles);
        Assert.Equal(new[] { "Developer", "Admin" }, (await inspect.GetAsync(Account("alice"), CancellationToken.None))!.Roles);
        Assert.True(_proxy.RequestsTo("UpdateItem").Count >= 2);
    }

    [Fact]
    public async Task AddingTheSameRoleTwiceListsItOnce()
    {
        var (table, inspect) = await TablesAsync("add-twice");
        await EnrollAsync(table, "alice");

        await table.UpdateAccessAsync(Account("alice"), ListChange.AddRemove(new[] { "Admin" }, null), null, CancellationToken.None);
        await table.UpdateAccessAsync(Account("alice"), ListChange.AddRemove(new[] { "Admin" }, null), null, CancellationToken.None);

        Assert.Equal(new[] { "Developer", "Admin" }, (await inspect.GetAsync(Account("alice"), CancellationToken.None))!.Roles);
    }

    [Fact]
    public async Task ThrottledUpdateLeavesTheEntryAsItWas()
    {
        var (table, inspect) = await TablesAsync("update-throttled");
        await EnrollAsync(table, "alice");
        var before = await RawItemAsync(dynalite, TableNameOf(inspect), Account("alice"));
        _proxy.Fail("UpdateItem", 400, "ProvisionedThroughputExceededException");

        await Assert.ThrowsAsync<DependencyFailureException>(() =>
            table.UpdateAccessAsync(Account("alice"), ListChange.AddRemove(new[] { "Admin" }, new[] { "Developer" }), null, CancellationToken.None));

        var after = await RawItemAsync(dynalite, TableNameOf(inspect), Account("alice"));
        Assert.Equal(before!.Keys.OrderBy(k => k, StringComparer.Ordinal), after!.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(Number(before, AuthTableAttributes.Revision), Number(after, AuthTableAttributes.Revision));
        Assert.Equal(new[] { "Developer" }, (await inspect.GetAsync(Account("alice"), CancellationToken.None))!.Roles);
    }

    [Fact]
    public async Task UnlockWhoseAnswerWasLostIsHarmlessToRepeat()
    {
        var (table, inspect) = await TablesAsync("unlock-lost-answer");
        await EnrollAsync(table, "alice");
        for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++)
        {
            await inspect.RecordFailureAsync(Account("alice"), DateTimeOffset.UtcNow, LockoutPolicy.Default, CancellationToken.None);
        }
        Assert.True((await inspect.GetAsync(Account("alice"), CancellationToken.None))!.IsLockedAt(DateTimeOffset.UtcNow));
        _proxy.ApplyThenDrop("UpdateItem", times: 1);

        Assert.True(await table.UnlockAsync(Account("alice"), CancellationToken.None));

        var entry = await inspect.GetAsync(Account("alice"), CancellationToken.None);
        Assert.False(entry!.IsLockedAt(DateTimeOffset.UtcNow));
        Assert.Equal(0, entry.ConsecutiveFailures);
        Assert.Equal(2, _proxy.RequestsTo("UpdateItem").Count);
    }

    [Fact]
    public async Task DeleteWhoseAnswerWasLostRemovesTheEntryButCannotTellItExisted()
    {
        var (table, inspect) = await TablesAsync("delete-lost-answer");
        await EnrollAsync(table, "alice");
        _proxy.ApplyThenDrop("DeleteItem", times: 1);

        var existed = await table.DeleteAsync(Account("alice"), CancellationToken.None);

        Assert.Null(await inspect.GetAsync(Account("alice"), CancellationToken.None));
        Assert.Equal(2, _proxy.RequestsTo("DeleteItem").Count);
        // The retry saw no item, so the adapter reports "not found" for the delete its first attempt did (reported).
        Assert.False(existed);
    }

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
        _proxy.Dispose();
        _kms.Dispose();
    }

    private async Task<(AuthTableStores Faulted, AuthTableStores Inspect)> TablesAsync(string purpose, TimeSpan? attemptTimeout = null)
    {
        var name = await dynalite.CreateAuthTableAsync(purpose);
        var client = DynaliteFixture.CreateClient(_proxy.ServiceUrl, attemptTimeout);
        _clients.Add(client);
        return (new AuthTableStores(client, name), new AuthTableStores(dynalite.Client, name));
    }

    private KmsSecretProtector Protector()
    {
        var client = KmsClientFactory.Create(_kms.ServiceUrl, credentials: StandInCredentials.Basic);
        _clients.Add(client);
        return new KmsSecretProtector(client, _kms.KeyId);
    }

    private Task<TotpKey> EnrollAsync(AuthTableStores table, string name, string[]? roles = null) =>
        AdminEnrollment.EnrollAsync(table, Protector(), Account(name), roles ?? new[] { "Developer" });

    private static string TableNameOf(AuthTableStores table) => table.TableName;
}
