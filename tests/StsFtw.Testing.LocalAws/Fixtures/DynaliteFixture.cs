using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using StsFtw.Aws.DynamoDb;

namespace StsFtw.Testing.Fixtures;

/// <summary>
/// Runs one dynalite (a DynamoDB implementation on Node.js) on a free 127.0.0.1 port for a test collection, creates
/// uniquely named auth tables on demand, and kills the process tree when the collection is done.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>The endpoint, for example <c>http://127.0.0.1:45123</c>.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>A client for the running server (fake credentials, us-east-1, nothing from the environment).</summary>
    public AmazonDynamoDBClient Client { get; private set; } = null!;

    /// <summary>A new client for <paramref name="serviceUrl"/> with fake credentials; the caller disposes it.</summary>
    public static AmazonDynamoDBClient CreateClient(string serviceUrl, TimeSpan? timeout = null) =>
        AuthTableClientFactory.Create(serviceUrl, RegionEndpoint.USEast1, new BasicAWSCredentials("test", "test"), timeout);

    public async Task InitializeAsync()
    {
        var cli = Path.Combine(TestProjectPaths.NodeToolsDirectory, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"dynalite is not installed at '{cli}'; build the test project (it runs npm ci) first.");
        }
        var port = FreeTcpPort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = TestProjectPaths.NodeToolsDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in new[] { cli, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        ServiceUrl = $"http://127.0.0.1:{port}";
        Client = CreateClient(ServiceUrl);
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"dynalite exited with code {_process.ExitCode}: {Output()}");
            }
            try
            {
                await Client.ListTablesAsync(new ListTablesRequest());
                return;
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && e is not OutOfMemoryException)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Creates an empty auth table (the STSFTW key schema) named after <paramref name="purpose"/> plus a unique suffix.</summary>
    public async Task<string> CreateAuthTableAsync(string purpose)
    {
        var name = $"{purpose}-{Guid.NewGuid():N}";
        if (name.Length > 255) name = name.Substring(name.Length - 255);
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
        });
        for (var i = 0; i < 100; i++)
        {
            var table = await Client.DescribeTableAsync(name);
            if (table.Table.TableStatus == TableStatus.ACTIVE) return name;
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"Table {name} did not become active.");
    }

    /// <summary>A port nothing listens on (bound, then released).</summary>
    public static int FreeTcpPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.Dispose();
        }
        return Task.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private string Output()
    {
        lock (_output) return _output.ToString();
    }
}
