using System.Globalization;
using System.Runtime.InteropServices;
using StsFtw.Sandbox;
using StsFtw.Testing.Load;

namespace StsFtw.Load.Bench;

/// <summary>Prints the load figures: per path, medians over the repetitions, and whether every run kept every rule.</summary>
public sealed class LoadReport(TextWriter output)
{
    /// <summary>The machine and the local AWS the figures come from.</summary>
    public void Environment(BenchOptions options, string aotBinary)
    {
        output.WriteLine($"# StsFtw load benchmark ({(options.Quick ? "quick" : "full")} run), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"machine: {System.Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {System.Environment.Version}, load average {LoadAverage()}");
        output.WriteLine($"table: dynalite {DynaliteVersion()} on 127.0.0.1 (Node.js, in-memory), one server for the whole run, a fresh table per run");
        output.WriteLine("STS, KMS, SNS: the loopback stand-ins of tests/StsFtw.Testing.LocalAws (HttpListener; SNS checks every SigV4 signature; KMS does AES-GCM)");
        output.WriteLine("in-process: CredentialEndpoint + CredentialBroker + DynamoDbAuthStore + the reveal cache over KMS + real STS/KMS/SNS clients, simulated clock");
        output.WriteLine($"local HTTP: {aotBinary} --listen http://127.0.0.1:PORT/ (Native AOT), real clock, HttpClient over the loopback");
        output.WriteLine("concurrency 64 throughout; latency is client-side (send to full answer); 128 warm-up requests (unknown account) before each run");
    }

    /// <summary>The figures of every path.</summary>
    public void Results(IReadOnlyDictionary<string, List<LoadRun>> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        output.WriteLine();
        output.WriteLine("## Throughput and latency (medians over the repetitions; ms)");
        output.WriteLine();
        var rows = new List<string[]>
        {
            new[] { "path", "accounts", "requests", "200 / 401", "req/s (each run)", "req/s median", "all p50/p90/p99", "200 p50/p90/p99", "401 p50/p90/p99" },
        };
        foreach (var (path, list) in runs)
        {
            var first = list[0];
            rows.Add(new[]
            {
                path, first.Accounts.ToString(CultureInfo.InvariantCulture), first.Ledger.Sent.ToString(CultureInfo.InvariantCulture),
                $"{first.Ledger.Accepted} / {first.Ledger.Sent - first.Ledger.Accepted}",
                string.Join(", ", list.Select(r => F(r.Throughput, 0))), F(Percentiles.Median(list.Select(r => r.Throughput)), 0),
                Triple(list, null), Triple(list, 200), Triple(list, 401),
            });
        }
        Text.Table(output, rows);

        output.WriteLine();
        output.WriteLine("## Rules kept (every run)");
        output.WriteLine();
        var verdicts = new List<string[]>
        {
            new[] { "path", "run", "fresh codes accepted once", "refused / twice", "replays accepted", "AssumeRole = 200s", "CredentialsMinted = 200s", "AccountLocked", "entry problems", "rule breaks" },
        };
        foreach (var (path, list) in runs)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var run = list[i];
                var ledger = run.Ledger;
                verdicts.Add(new[]
                {
                    path, (i + 1).ToString(CultureInfo.InvariantCulture), $"{ledger.FreshCodesAcceptedOnce}/{ledger.FreshCodes}",
                    $"{ledger.FreshCodesRefused} / {ledger.FreshCodesAcceptedTwice}", ledger.ReplaysAccepted.ToString(CultureInfo.InvariantCulture),
                    $"{run.StandIns.AssumeRole} = {ledger.Accepted}", $"{run.StandIns.Audited("CredentialsMinted")} = {ledger.Accepted}",
                    run.StandIns.Audited("AccountLocked").ToString(CultureInfo.InvariantCulture),
                    run.EntryProblems.Count.ToString(CultureInfo.InvariantCulture), ledger.Violations.Count.ToString(CultureInfo.InvariantCulture),
                });
                foreach (var problem in ledger.Violations.Concat(run.EntryProblems).Take(10)) output.WriteLine("   !! " + problem);
            }
        }
        Text.Table(output, verdicts);
    }

    private static string Triple(List<LoadRun> runs, int? status)
    {
        var each = runs.Select(r => Percentiles.Of(r.Latencies(status))).ToArray();
        return $"{F(Percentiles.Median(each.Select(p => p.P50)), 1)} / {F(Percentiles.Median(each.Select(p => p.P90)), 1)} / {F(Percentiles.Median(each.Select(p => p.P99)), 1)}";
    }

    private static string F(double value, int decimals) =>
        double.IsNaN(value) ? "-" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string DynaliteVersion()
    {
        var package = Path.Combine(SandboxPaths.NodeToolsDirectory, "node_modules", "dynalite", "package.json");
        if (!File.Exists(package)) return "(version unknown)";
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(package));
        return json.RootElement.GetProperty("version").GetString() ?? "(version unknown)";
    }
}
