using System.Diagnostics;
using System.Globalization;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using StsFtw.Aws.DynamoDb;
using StsFtw.Sandbox.Net;
using StsFtw.Sandbox.Processes;

namespace StsFtw.Sandbox.Dynalite;

/// <summary>
/// dynalite, a DynamoDB implementation on Node.js, on a free 127.0.0.1 port, with its tables in memory. Its standard
/// input is held by this process and a preloaded script (<c>node/exit-with-parent.js</c>) ends it when that input
/// closes, so it cannot outlive this process, even one killed outright. Dispose it to stop it.
/// </summary>
public sealed class DynaliteServer : IAsyncDisposable
{
    /// <summary>How long a start may take, Node.js included.</summary>
    public static readonly TimeSpan DefaultStartupTimeout = TimeSpan.FromSeconds(30);

    private const int PortAttempts = 3;
    private const string ListeningLine = "Dynalite listening at";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private readonly Process _process;
    private readonly OutputTail _output;

    private DynaliteServer(Process process, OutputTail output, int port)
    {
        _process = process;
        _output = output;
        ServiceUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        Client = CreateClient(ServiceUrl);
        Exited = process.WaitForExitAsync();
    }

    /// <summary>The endpoint, for example <c>http://127.0.0.1:45123</c>.</summary>
    public string ServiceUrl { get; }

    /// <summary>A client for this server (placeholder credentials, us-east-1, nothing from the environment).</summary>
    public AmazonDynamoDBClient Client { get; }

    /// <summary>The Node.js process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Completes when the process exits, on its own or when stopped.</summary>
    public Task Exited { get; }

    /// <summary>A new client for <paramref name="serviceUrl"/> with placeholder credentials; the caller disposes it.</summary>
    public static AmazonDynamoDBClient CreateClient(string serviceUrl, TimeSpan? timeout = null) =>
        AuthTableClientFactory.Create(serviceUrl, RegionEndpoint.USEast1, new BasicAWSCredentials("local", "local"), timeout);

    /// <summary>
    /// Starts dynalite from <paramref name="nodeToolsDirectory"/> (where <c>npm ci</c> installed it) and returns once it
    /// answers DynamoDB calls. Throws <see cref="SandboxException"/> when Node.js or dynalite is missing, when it exits,
    /// or when it does not answer within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<DynaliteServer> StartAsync(string nodeToolsDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var node = NodeRuntime.Find() ?? throw new SandboxException(NodeRuntime.Missing);
        var cli = Path.Combine(nodeToolsDirectory, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new SandboxException($"dynalite is not installed in {nodeToolsDirectory}: build src/StsFtw.Sandbox (its build runs npm ci) and try again.");
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(node, nodeToolsDirectory, cli, LoopbackPorts.Free());
            try
            {
                await server.WaitUntilServingAsync(deadline.Token).ConfigureAwait(false);
                return server;
            }
            catch (Exception failure)
            {
                var portTaken = server._output.Contains("EADDRINUSE");
                await server.DisposeAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (failure is OperationCanceledException)
                {
                    throw new SandboxException($"dynalite did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", failure);
                }
                // Another process took the port between the probe and dynalite's bind: try another.
                if (portTaken && attempt < PortAttempts) continue;
                if (failure is SandboxException) throw;
                throw new SandboxException($"dynalite does not answer DynamoDB calls ({failure.GetType().Name}).", failure);
            }
        }
    }

    /// <summary>Creates an empty auth table named <paramref name="name"/> with STSFTW's key schema and waits until it is active.</summary>
    public async Task<string> CreateAuthTableAsync(string name, CancellationToken cancellationToken = default)
    {
        if (AuthTableName.Check(name) is { } problem) throw new ArgumentException(problem, nameof(name));
        await Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            KeySchema =
            [
                new KeySchemaElement(AuthTableAttributes.Issuer, KeyType.HASH),
                new KeySchemaElement(AuthTableAttributes.AccountName, KeyType.RANGE),
            ],
            AttributeDefinitions =
            [
                new AttributeDefinition(AuthTableAttributes.Issuer, ScalarAttributeType.S),
                new AttributeDefinition(AuthTableAttributes.AccountName, ScalarAttributeType.S),
            ],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < 100; i++)
        {
            var table = await Client.DescribeTableAsync(name, cancellationToken).ConfigureAwait(false);
            if (table.Table.TableStatus == TableStatus.ACTIVE) return name;
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        throw new SandboxException($"The table {name} did not become active in dynalite.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await ChildProcess.StopAsync(_process).ConfigureAwait(false);
    }

    private static DynaliteServer Launch(string node, string nodeToolsDirectory, string cli, int port)
    {
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = nodeToolsDirectory,
            // Held open, never written: its end tells the preloaded script that this process is gone.
            RedirectStandardInput = true,
        };
        foreach (var argument in new[]
        {
            "--require", Path.Combine(nodeToolsDirectory, "exit-with-parent.js"), cli,
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var output = new OutputTail();
        return new DynaliteServer(ChildProcess.Start(start, output, NodeRuntime.Missing), output, port);
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        while (!_output.Contains(ListeningLine))
        {
            if (_process.HasExited)
            {
                throw new SandboxException($"dynalite exited with code {_process.ExitCode} before serving: {string.Join(" | ", _output.Lines.TakeLast(5))}");
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        // The line says it listens; one call proves it speaks DynamoDB.
        await Client.ListTablesAsync(new ListTablesRequest(), cancellationToken).ConfigureAwait(false);
    }
}
