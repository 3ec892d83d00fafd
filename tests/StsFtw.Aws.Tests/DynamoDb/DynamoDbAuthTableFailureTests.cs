using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Tests.Fixtures;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.Fixtures;
using static StsFtw.Aws.Tests.DynamoDb.AuthTableTestData;

namespace StsFtw.Aws.Tests.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAuthTableFailureTests(DynaliteFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Operations => new()
    {
        "GetEntries", "GetEntriesWithSecondary", "TryAcceptTimeStep", "RecordFailure", "Create", "Get", "List", "UpdateAccess",
        "ReplaceSecret", "Unlock", "Delete",
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task UnreachableTableIsADependencyFailureWithinABoundedTime(string operation)
    {
        using var client = DynaliteFixture.CreateClient($"http://127.0.0.1:{DynaliteFixture.FreeTcpPort()}", TimeSpan.FromSeconds(1));
        var table = new AuthTableStores(client, "auth-table");
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DependencyFailureException>(() => Run(table, operation, CancellationToken.None));

        Assert.Equal(Dependency.AuthTable, error.Dependency);
        Assert.Contains("auth-table", error.Message);
        Assert.True(watch.Elapsed < Bound, $"Took {watch.Elapsed}.");
    }

    [Fact]
    public async Task StalledTableTimesOutAsADependencyFailure()
    {
        using var stalled = new TcpListener(IPAddress.Loopback, 0);
        stalled.Start();
        var accepted = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var acceptLoop = Task.Run(async () =>
        {
            try
            {
                while (true) accepted.Add(await stalled.AcceptTcpClientAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var client = DynaliteFixture.CreateClient($"http://127.0.0.1:{((IPEndPoint)stalled.LocalEndpoint).Port}", TimeSpan.FromSeconds(1));
        var table = new AuthTableStores(client, "auth-table");
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DependencyFailureException>(
            () => table.TryAcceptTimeStepAsync(Account("alice"), 1000, Now, CancellationToken.None));

        Assert.Equal(Dependency.AuthTable, error.Dependency);
        Assert.Contains("timed out", error.Message);
        Assert.True(watch.Elapsed < Bound, $"Took {watch.Elapsed}.");
        stop.Cancel();
        await acceptLoop;
        foreach (var connection in accepted) connection.Dispose();
    }

    [Fact]
    public async Task MissingTableIsADependencyFailure()
    {
        var table = new AuthTableStores(fixture.Client, "no-such-table");

        var error = await Assert.ThrowsAsync<DependencyFailureException>(() => table.GetEntriesAsync(Account("alice"), null, CancellationToken.None));

        Assert.Equal(Dependency.AuthTable, error.Dependency);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task ThrottlingThatOutlastsTheSdkRetriesIsADependencyFailure()
    {
        using var server = new ScriptedDynamoDbServer(400,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate exceeded"}""");
        using var client = DynaliteFixture.CreateClient(server.ServiceUrl, TimeSpan.FromSeconds(2));
        var table = new AuthTableStores(client, "auth-table");

        var error = await Assert.ThrowsAsync<DependencyFailureException>(
            () => table.RecordFailureAsync(Account("alice"), Now, LockoutPolicy.Default, CancellationToken.None));

        Assert.Equal(Dependency.AuthTable, error.Dependency);
        Assert.Contains("throttled", error.Message);
        Assert.Equal(1 + AuthTableClientFactory.DefaultMaxErrorRetry, server.Calls);
    }

    [Fact]
    public async Task KeysLeftUnprocessedAfterBoundedRetriesAreADependencyFailure()
    {
        const string Unprocessed = """
            {"Responses":{"auth-table":[]},"UnprocessedKeys":{"auth-table":{"ConsistentRead":true,"Keys":[
            {"issuer":{"S":"Example"},"account_name":{"S":"alice"}},{"issuer":{"S":"Example"},"account_name":{"S":"bob"}}]}}}
            """;
        using var server = new ScriptedDynamoDbServer(200, Unprocessed);
        using var client = DynaliteFixture.CreateClient(server.ServiceUrl, TimeSpan.FromSeconds(2));
        var table = new AuthTableStores(client, "auth-table");

        var error = await Assert.ThrowsAsync<DependencyFailureException>(
            () => table.GetEntriesAsync(Account("alice"), Account("bob"), CancellationToken.None));

        Assert.Equal(Dependency.AuthTable, error.Dependency);
        Assert.Contains("unprocessed", error.Message);
        Assert.Equal(4, server.Calls);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task CallersCancellationPropagatesAsCancellation(string operation)
    {
        var (table, _, _) = await NewTableAsync(fixture, "failure-cancel");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(table, operation, cancelled.Token));
    }

    [Fact]
    public async Task CancellationDuringAStalledCallPropagatesAsCancellation()
    {
        using var stalled = new TcpListener(IPAddress.Loopback, 0);
        stalled.Start();
        using var client = DynaliteFixture.CreateClient($"http://127.0.0.1:{((IPEndPoint)stalled.LocalEndpoint).Port}", TimeSpan.FromSeconds(30));
        var table = new AuthTableStores(client, "auth-table");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => table.RecordFailureAsync(Account("alice"), Now, LockoutPolicy.Default, cancel.Token));

        Assert.True(watch.Elapsed < Bound, $"Took {watch.Elapsed}.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("auth table")]
    [InlineData("auth/table")]
    public void InvalidTableNamesAreRefused(string name)
    {
        Assert.Throws<ArgumentException>("tableName", () => new AuthTableStores(fixture.Client, name));
    }

    private static Task Run(AuthTableStores table, string operation, CancellationToken token)
    {
        var alice = Account("alice");
        return operation switch
        {
            "GetEntries" => table.GetEntriesAsync(alice, null, token),
            "GetEntriesWithSecondary" => table.GetEntriesAsync(alice, Account("bob"), token),
            "TryAcceptTimeStep" => table.TryAcceptTimeStepAsync(alice, 1000, Now, token),
            "RecordFailure" => table.RecordFailureAsync(alice, Now, LockoutPolicy.Default, token),
            "Create" => table.CreateAsync(Entry(alice), overwrite: false, token),
            "Get" => table.GetAsync(alice, token),
            "List" => table.ListAsync(null, 10, null, token),
            "UpdateAccess" => table.UpdateAccessAsync(alice, ListChange.AddRemove(["Admin"], null), null, token),
            "ReplaceSecret" => table.ReplaceSecretAsync(alice, new StoredSecret(Uri(alice), null), token),
            "Unlock" => table.UnlockAsync(alice, token),
            "Delete" => table.DeleteAsync(alice, token),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }
}
