using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>
/// dynalite (installed by src/StsFtw.Sandbox's build) on a free 127.0.0.1 port, and auth tables created over its plain
/// JSON protocol — without the AWS SDK, which must stay off this test host (see the project file).
/// </summary>
public sealed class DynaliteServer : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? _process;

    public string ServiceUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var cli = Path.Combine(TestPaths.NodeToolsDirectory, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli)) throw new InvalidOperationException($"dynalite is not installed at '{cli}'; build src/StsFtw.Sandbox first.");
        var port = FreePort.Next();
        // Standard input held open and never written: the preloaded script ends dynalite when it closes, so a test host
        // that is killed leaves no node behind.
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        var guard = Path.Combine(TestPaths.NodeToolsDirectory, "exit-with-parent.js");
        foreach (var argument in new[] { "--require", guard, cli, "--host", "127.0.0.1", "--port", port.ToString(), "--createTableMs", "0", "--deleteTableMs", "0" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ServiceUrl = $"http://127.0.0.1:{port}";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await CallAsync("ListTables", "{}");
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Creates an empty table with STSFTW's key schema and returns its name.</summary>
    public async Task<string> CreateAuthTableAsync(string purpose)
    {
        var name = $"{purpose}-{Guid.NewGuid():N}";
        await CallAsync("CreateTable", JsonSerializer.Serialize(new
        {
            TableName = name,
            KeySchema = new[] { new { AttributeName = "issuer", KeyType = "HASH" }, new { AttributeName = "account_name", KeyType = "RANGE" } },
            AttributeDefinitions = new[] { new { AttributeName = "issuer", AttributeType = "S" }, new { AttributeName = "account_name", AttributeType = "S" } },
            BillingMode = "PAY_PER_REQUEST",
        }));
        for (var i = 0; i < 100; i++)
        {
            var described = JsonDocument.Parse(await CallAsync("DescribeTable", JsonSerializer.Serialize(new { TableName = name }))).RootElement;
            if (described.GetProperty("Table").GetProperty("TableStatus").GetString() == "ACTIVE") return name;
            await Task.Delay(20);
        }
        throw new InvalidOperationException($"Table {name} did not become active.");
    }

    /// <summary>The raw item (DynamoDB JSON) for a key, or null.</summary>
    public async Task<JsonElement?> GetItemAsync(string table, string issuer, string account)
    {
        var body = await CallAsync("GetItem", JsonSerializer.Serialize(new
        {
            TableName = table,
            ConsistentRead = true,
            Key = new Dictionary<string, object> { ["issuer"] = new { S = issuer }, ["account_name"] = new { S = account } },
        }));
        var root = JsonDocument.Parse(body).RootElement;
        return root.TryGetProperty("Item", out var item) ? item.Clone() : null;
    }

    /// <summary>Sets a number attribute of an item (to stage a lock, for instance).</summary>
    public Task SetNumberAsync(string table, string issuer, string account, string attribute, long value) =>
        CallAsync("UpdateItem", JsonSerializer.Serialize(new
        {
            TableName = table,
            Key = new Dictionary<string, object> { ["issuer"] = new { S = issuer }, ["account_name"] = new { S = account } },
            UpdateExpression = "SET #a = :v",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#a"] = attribute },
            ExpressionAttributeValues = new Dictionary<string, object> { [":v"] = new { N = value.ToString() } },
        }));

    /// <summary>Sets a binary attribute of an item (to stage a KMS ciphertext, for instance).</summary>
    public Task SetBinaryAsync(string table, string issuer, string account, string attribute, byte[] value) =>
        CallAsync("UpdateItem", JsonSerializer.Serialize(new
        {
            TableName = table,
            Key = new Dictionary<string, object> { ["issuer"] = new { S = issuer }, ["account_name"] = new { S = account } },
            UpdateExpression = "SET #a = :v",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#a"] = attribute },
            ExpressionAttributeValues = new Dictionary<string, object> { [":v"] = new { B = Convert.ToBase64String(value) } },
        }));

    public Task DisposeAsync()
    {
        _http.Dispose();
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            _process.Dispose();
        }
        return Task.CompletedTask;
    }

    private async Task<string> CallAsync(string action, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ServiceUrl + "/") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810." + action);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260101T000000Z");
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"dynalite {action}: {(int)response.StatusCode} {body}");
        return body;
    }
}
