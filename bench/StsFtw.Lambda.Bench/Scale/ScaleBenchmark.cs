using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using StsFtw.Core.Totp;
using StsFtw.Lambda.Bench.Measurement;
using StsFtw.Lambda.Bench.Rig;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Lambda;

namespace StsFtw.Lambda.Bench.Scale;

/// <summary>
/// Warm request latency against a small and a large auth table, side by side: two AOT backends in local HTTP mode
/// (one per table) on the same dynalite and stand-ins, asked alternately, request by request.
/// </summary>
/// <remarks>
/// Every account is enrolled through Core in both tables. Within one 30-second TOTP step each account is used three
/// times, with the codes of the previous, current and next step (the verifier accepts one step either side, and each
/// step only once, in increasing order): pass A is the first request for the account (its KMS reveal is not cached
/// yet), passes B and C are repeats.
/// </remarks>
public sealed class ScaleBenchmark(LocalAws aws, string aotBinary)
{
    private const int WarmupAccounts = 5;

    private readonly Dictionary<LambdaProcess, int> _ports = new();

    /// <summary>Runs the benchmark with <paramref name="smallEntries"/> and <paramref name="largeEntries"/> entries.</summary>
    public async Task<ScaleResult> RunAsync(int smallEntries, int largeEntries, TextWriter progress)
    {
        var smallTable = await aws.Dynalite.CreateAuthTableAsync("bench-small").ConfigureAwait(false);
        var largeTable = await aws.Dynalite.CreateAuthTableAsync("bench-large").ConfigureAwait(false);

        progress.WriteLine($"  enrolling {smallEntries} accounts through Core (KMS) into both tables ...");
        var names = Enumerable.Range(0, smallEntries).Select(i => $"user-{i:D4}").ToArray();
        var small = new TotpSecret[names.Length];
        var large = new TotpSecret[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            small[i] = await aws.EnrollAsync(smallTable, names[i]).ConfigureAwait(false);
            large[i] = await aws.EnrollAsync(largeTable, names[i]).ConfigureAwait(false);
        }
        var seedTime = await TableSeeder.SeedAsync(aws.Dynalite.ServiceUrl, largeTable, largeEntries - smallEntries, progress).ConfigureAwait(false);

        await using var smallBackend = await StartBackendAsync(smallTable).ConfigureAwait(false);
        await using var largeBackend = await StartBackendAsync(largeTable).ConfigureAwait(false);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) });

        // Three passes over every account must fit in one step: wait for a fresh one if this one is nearly over.
        progress.WriteLine("  waiting for enough of the current TOTP step to be left ...");
        await PhoneCodes.WaitForRoomAsync(TimeSpan.FromSeconds(Math.Max(12, smallEntries * 6 * 0.015))).ConfigureAwait(false);
        var step = PhoneCodes.CurrentStep;

        var backends = new[] { (Backend: smallBackend, Secrets: small, Entries: smallEntries), (Backend: largeBackend, Secrets: large, Entries: largeEntries) };
        var passes = new List<ScalePass>();
        var counts = new List<(string, int, StandInCounts)>();
        string[] passNames = ["A: first request per account", "B: repeat (step +1)", "C: repeat (step +2)"];

        // Warm-up: the first accounts, all three steps, not recorded.
        for (var offset = -1; offset <= 1; offset++)
        {
            for (var i = 0; i < WarmupAccounts; i++)
            {
                foreach (var (backend, secrets, _) in backends)
                {
                    await AskAsync(http, backend, names[i], secrets[i], step + offset).ConfigureAwait(false);
                }
            }
        }

        var logOffset = new[] { 3 * WarmupAccounts, 3 * WarmupAccounts };
        for (var pass = 0; pass < 3; pass++)
        {
            var latencies = new[] { new List<double>(), new List<double>() };
            var notIssued = new int[2];
            var before = aws.Counts();
            for (var i = WarmupAccounts; i < names.Length; i++)
            {
                // Alternate which table goes first.
                for (var k = 0; k < 2; k++)
                {
                    var b = (i + k) % 2;
                    var (backend, secrets, _) = backends[b];
                    var (ms, status) = await AskAsync(http, backend, names[i], secrets[i], step - 1 + pass).ConfigureAwait(false);
                    latencies[b].Add(ms);
                    if (status != 200) notIssued[b]++;
                }
            }
            var measured = names.Length - WarmupAccounts;
            counts.Add((passNames[pass], 2 * measured, aws.Counts() - before));
            progress.WriteLine($"  pass {passNames[pass]}: done ({PhoneCodes.LeftInStep().TotalSeconds:F1} s left in the step)");

            for (var b = 0; b < 2; b++)
            {
                var logs = await LogLinesAsync(backends[b].Backend, logOffset[b] + measured).ConfigureAwait(false);
                var mine = logs.Skip(logOffset[b]).Take(measured).ToArray();
                logOffset[b] += measured;
                passes.Add(new ScalePass(passNames[pass], backends[b].Entries, Summary.Of(latencies[b]),
                    Summary.Of(mine.Select(l => l.TotalMilliseconds)), mine, notIssued[b]));
            }
        }
        return new ScaleResult(passes, counts, seedTime);
    }

    private async Task<LambdaProcess> StartBackendAsync(string table)
    {
        var port = DynaliteFixture.FreeTcpPort();
        var process = LambdaProcess.Start(aotBinary, aws.BackendEnvironment(table), "--listen", $"http://127.0.0.1:{port}/");
        await process.WaitForOutputAsync(l => l.Contains("Listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        _ports[process] = port;
        return process;
    }

    private async Task<(double Milliseconds, int Status)> AskAsync(HttpClient http, LambdaProcess backend, string name, TotpSecret secret, long step)
    {
        using var content = new StringContent(LocalAws.RequestBody(name, PhoneCodes.For(secret, step)), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var uri = new Uri($"http://127.0.0.1:{_ports[backend]}/");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync(uri, content).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode);
    }

    private static async Task<IReadOnlyList<RequestLogLine>> LogLinesAsync(LambdaProcess backend, int expected)
    {
        // The log line is written before the response, but stdout is read asynchronously: wait for the last ones.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var lines = RequestLogLine.ParseAll(backend.Output);
            if (lines.Count >= expected || DateTime.UtcNow > deadline) return lines;
            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
