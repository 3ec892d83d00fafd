using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

var manifest = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleManifest").Value!;

// Child mode: one cold Import-Module in this fresh process, elapsed milliseconds on stdout.
if (args.Length == 1 && args[0] == "--import-once")
{
    using var coldRunspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    coldRunspace.Open();
    var watch = Stopwatch.StartNew();
    Invoke(coldRunspace, $"Import-Module '{manifest}' -ErrorAction Stop");
    Console.WriteLine(watch.Elapsed.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

const int ColdRuns = 7;
const int WarmRuns = 20;
const int CallRuns = 200;
Console.WriteLine($"StsFtw PowerShell benchmark — module {manifest}");
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, PowerShell engine {typeof(PSObject).Assembly.GetName().Version}");

var cold = new List<double>();
for (var i = 0; i < ColdRuns; i++)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
    start.ArgumentList.Add(typeof(Program).Assembly.Location);
    start.ArgumentList.Add("--import-once");
    using var child = Process.Start(start)!;
    var text = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    cold.Add(double.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture));
}
Report($"Import-Module, cold (fresh process, {ColdRuns} runs)", cold);

var warm = new List<double>();
for (var i = 0; i < WarmRuns; i++)
{
    using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    runspace.Open();
    var watch = Stopwatch.StartNew();
    Invoke(runspace, $"Import-Module '{manifest}' -ErrorAction Stop");
    warm.Add(watch.Elapsed.TotalMilliseconds);
}
Report($"Import-Module, warm (fresh runspace, {WarmRuns} runs)", warm);

using var backend = new Backend();
using var session = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
session.Open();
Invoke(session, $"Import-Module '{manifest}' -ErrorAction Stop");
var call = $"Get-StsCredential -Endpoint '{backend.Url}' -Issuer example -AccountName alice -Role Developer -TotpCode 123456";
using var http = new HttpClient();
var body = "{\"Issuer\":\"example\",\"AccountName\":\"alice\",\"TOTPCode\":\"123456\",\"Role\":\"Developer\"}";
for (var i = 0; i < 20; i++)
{
    Invoke(session, call);
    Bare(http, backend.Url, body);
}
var cmdlet = new List<double>();
var bare = new List<double>();
for (var i = 0; i < CallRuns; i++)
{
    var watch = Stopwatch.StartNew();
    Bare(http, backend.Url, body);
    bare.Add(watch.Elapsed.TotalMilliseconds);
    watch.Restart();
    Invoke(session, call);
    cmdlet.Add(watch.Elapsed.TotalMilliseconds);
}
Report($"bare HttpClient POST to the loopback backend ({CallRuns} runs)", bare);
Report($"Get-StsCredential against the same backend ({CallRuns} runs)", cmdlet);
Console.WriteLine($"  overhead of the cmdlet (median difference): {Median(cmdlet) - Median(bare):F2} ms");
return 0;

static void Bare(HttpClient http, string url, string body)
{
    using var response = http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
    response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
}

static void Invoke(Runspace runspace, string script)
{
    using var shell = PowerShell.Create();
    shell.Runspace = runspace;
    shell.AddScript(script);
    shell.Invoke();
    if (shell.HadErrors) throw new InvalidOperationException("Script failed: " + string.Join(" | ", shell.Streams.Error));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static void Report(string what, List<double> values) =>
    Console.WriteLine($"  {what}: median {Median(values):F2} ms (min {values.Min():F2}, max {values.Max():F2})");

/// <summary>A loopback credential endpoint that always answers 200 with credentials.</summary>
internal sealed class Backend : IDisposable
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(
        "{\"AccessKeyId\":\"ASIABENCH\",\"SecretAccessKey\":\"bench-secret\",\"SessionToken\":\"bench-token\",\"Expiration\":\"2030-01-01T00:00:00Z\"}");

    private readonly HttpListener _listener = new();

    public Backend()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception)
                {
                    return;
                }
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = Answer.Length;
                await context.Response.OutputStream.WriteAsync(Answer);
                context.Response.Close();
            }
        });
    }

    public string Url { get; }

    public void Dispose() => _listener.Close();
}
