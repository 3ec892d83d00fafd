using System.Globalization;
using System.Runtime.InteropServices;
using StsFtw.Bench.Common;
using StsFtw.Lambda.Bench.ColdStart;
using StsFtw.Lambda.Bench.Measurement;
using StsFtw.Lambda.Bench.Scale;
using StsFtw.Lambda.Bench.Warm;

namespace StsFtw.Lambda.Bench;

/// <summary>Prints each part's tables and, at the end, the issue's targets with the measured values.</summary>
public sealed class BenchReport(TextWriter output, BenchOptions options)
{
    private const string StsftwOriginal = "STSFTW (Go, for reference): 5 sequential, two of them full-table Scans";
    private readonly List<(string Target, string Measured, bool Met)> _targets = new();

    /// <summary>Date, machine, OS and runtime.</summary>
    public void Environment()
    {
        output.WriteLine($"StsFtw Lambda backend benchmark ({(options.Quick ? "quick smoke run" : "full run")})");
        output.WriteLine($"  date        {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"  machine     {System.Environment.ProcessorCount} CPUs, {CpuModel()}, {MemoryGigabytes()}");
        output.WriteLine($"  OS          {OsName()} (kernel {System.Environment.OSVersion.Version}, {RuntimeInformation.OSArchitecture})");
        output.WriteLine($"  .NET        {RuntimeInformation.FrameworkDescription} (bench and JIT backend), Native AOT backend published -c Release -r linux-x64");
        output.WriteLine();
    }

    /// <summary>Where the two backends came from.</summary>
    public void Artifacts(string aotBinary, string jitAssembly)
    {
        output.WriteLine("Backends");
        output.WriteLine($"  AOT  {aotBinary} ({new FileInfo(aotBinary).Length / 1024.0 / 1024.0:F1} MB)");
        output.WriteLine($"  JIT  dotnet {jitAssembly}");
        output.WriteLine();
    }

    /// <summary>The in-process figures.</summary>
    public void InProcess(IReadOnlyList<InProcessResult> results)
    {
        output.WriteLine("Warm, in process: one request with zero-latency ports (wired as in production: timing wrappers, reveal cache, JSON log)");
        var table = new TextTable("entry", "requests", "p50 µs", "p90 µs", "p99 µs", "max µs", "alloc/request", "not issued");
        foreach (var r in results)
        {
            table.Row(r.Entry, r.Microseconds.Count.ToString("N0", CultureInfo.InvariantCulture), F(r.Microseconds.Median), F(r.Microseconds.P90),
                F(r.Microseconds.P99), F(r.Microseconds.Max, 0), $"{r.BytesAllocatedPerRequest / 1024:F1} KB", r.NotIssued.ToString(CultureInfo.InvariantCulture));
        }
        table.WriteTo(output);
        output.WriteLine("  p50 of the first and the last quarter of the measured requests (steady state?): "
            + string.Join("; ", results.Select(r => $"{r.Entry.Split(' ')[0]} {F(r.FirstQuarterMedian)} / {F(r.LastQuarterMedian)} µs")));
        output.WriteLine();
        var worst = results.Max(r => r.Microseconds.Median);
        Target("in-process p50 < 1 ms", $"{F(worst)} µs (the slower entry)", worst < 1000 && results.All(r => r.NotIssued == 0));
    }

    /// <summary>The cold-start figures.</summary>
    public void ColdStart(IReadOnlyList<ColdStartRun> runs, IReadOnlyList<(string Flavour, double Milliseconds)> bareStarts)
    {
        output.WriteLine($"Cold start: process start -> first response at the Runtime API stand-in (ALB event queued before start, {runs.Count / 2} runs each, interleaved)");
        var table = new TextTable("backend", "runs", "median ms", "p90 ms", "min ms", "max ms", "init ms", "invoke ms", "handler ms", "peak RSS MB (median/max)");
        var byFlavour = runs.GroupBy(r => r.Flavour).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var (flavour, group) in byFlavour)
        {
            var total = Summary.Of(group.Select(r => r.TotalMilliseconds));
            var rss = Summary.Of(group.Select(r => r.PeakResidentMegabytes));
            table.Row(flavour, group.Length.ToString(CultureInfo.InvariantCulture), F(total.Median), F(total.P90), F(total.Min), F(total.Max),
                F(Summary.Of(group.Select(r => r.InitMilliseconds)).Median),
                F(Summary.Of(group.Select(r => r.FirstInvocationMilliseconds)).Median),
                F(Summary.Of(group.Select(r => r.Log?.TotalMilliseconds ?? double.NaN)).Median),
                $"{F(rss.Median)} / {F(rss.Max)}");
        }
        table.WriteTo(output);
        output.WriteLine("  init = process start -> first GET invocation/next (polled, ±0.6 ms); invoke = that GET -> response posted;");
        output.WriteLine("  handler = the backend's own totalMs for the request (inside invoke). Medians.");

        var aot = Summary.Of(byFlavour.GetValueOrDefault("AOT", []).Select(r => r.TotalMilliseconds));
        var jit = Summary.Of(byFlavour.GetValueOrDefault("JIT", []).Select(r => r.TotalMilliseconds));
        var ratio = jit.Median / aot.Median;
        output.WriteLine($"  JIT/AOT (medians): {ratio:F1}x    non-200 responses: {runs.Count(r => r.Status != 200)}");
        if (bareStarts.Count > 0)
        {
            output.WriteLine("  Bare process start -> exit (`bootstrap --help`, no backend wiring, no AWS), medians: "
                + string.Join(", ", bareStarts.GroupBy(b => b.Flavour).Select(g => $"{g.Key} {F(Summary.Of(g.Select(b => b.Milliseconds)).Median)} ms")));
        }
        output.WriteLine();

        output.WriteLine("  Where the first request's time goes (median ms of each AWS call in the cold request, from the log):");
        var calls = new TextTable("call", "AOT at", "AOT ms", "JIT at", "JIT ms");
        var names = runs.Where(r => r.Log is not null).SelectMany(r => r.Log!.AwsCalls.Select(c => c.Call)).Distinct().ToArray();
        foreach (var name in names.OrderBy(n => Summary.Of(CallsNamed(runs, "AOT", n).Select(c => c.AtMilliseconds)).Median))
        {
            calls.Row(name,
                F(Summary.Of(CallsNamed(runs, "AOT", name).Select(c => c.AtMilliseconds)).Median), F(Summary.Of(CallsNamed(runs, "AOT", name).Select(c => c.Milliseconds)).Median),
                F(Summary.Of(CallsNamed(runs, "JIT", name).Select(c => c.AtMilliseconds)).Median), F(Summary.Of(CallsNamed(runs, "JIT", name).Select(c => c.Milliseconds)).Median));
        }
        calls.WriteTo(output);
        output.WriteLine("  (at = start offset from the request's start)");
        output.WriteLine();

        var aotRss = Summary.Of(byFlavour.GetValueOrDefault("AOT", []).Select(r => r.PeakResidentMegabytes));
        Target("AOT cold start median <= 60 ms", $"{F(aot.Median)} ms (p90 {F(aot.P90)})", aot.Median <= 60);
        Target("AOT >= 5x faster than JIT (medians)", $"{ratio:F1}x ({F(jit.Median)} / {F(aot.Median)} ms)", ratio >= 5);
        Target("AOT peak RSS <= 60 MB", $"{F(aotRss.Max)} MB max (median {F(aotRss.Median)})", aotRss.Max <= 60);
        Target("every cold request issued credentials", $"{runs.Count(r => r.Status == 200)}/{runs.Count}", runs.All(r => r.Status == 200));
    }

    /// <summary>AWS round trips on the critical path, from the log's call timings and the stand-ins' counts.</summary>
    public void RoundTrips(IReadOnlyList<ColdStartRun> coldStarts, ScaleResult scale)
    {
        output.WriteLine("AWS round trips on the critical path (log: calls that overlap count once; stand-ins: calls answered)");
        var table = new TextTable("requests", "n", "sequential", "dynamodb/req", "kms/req", "sts/req", "sns/req", "shape (most common)");
        void Row(string label, IReadOnlyList<RequestLogLine> logs)
        {
            if (logs.Count == 0) return;
            var depth = logs.Select(l => l.SequentialRoundTrips).ToArray();
            var distribution = string.Join(" ", depth.GroupBy(d => d).OrderBy(g => g.Key)
                .Select(g => $"{g.Key}:{100.0 * g.Count() / depth.Length:0.#}%"));
            table.Row(label, logs.Count.ToString(CultureInfo.InvariantCulture), depth.Min() == depth.Max() ? $"{depth.Min()}" : distribution,
                PerRequest(logs, "dynamodb."), PerRequest(logs, "kms."), PerRequest(logs, "sts."), PerRequest(logs, "sns."),
                logs.GroupBy(l => l.Shape).OrderByDescending(g => g.Count()).First().Key);
        }
        Row("cold start, first request (AOT+JIT)", coldStarts.Select(r => r.Log).OfType<RequestLogLine>().ToArray());
        var first = scale.Passes.Where(p => p.Pass.StartsWith('A')).SelectMany(p => p.Logs).ToArray();
        var repeat = scale.Passes.Where(p => !p.Pass.StartsWith('A')).SelectMany(p => p.Logs).ToArray();
        Row("warm process, first request per account", first);
        Row("warm process, repeat (reveal cached)", repeat);
        table.WriteTo(output);
        var outliers = first.Where(l => l.SequentialRoundTrips > 4).Concat(repeat.Where(l => l.SequentialRoundTrips > 3)).ToArray();
        if (outliers.Length > 0)
        {
            output.WriteLine($"  {outliers.Length} request(s) had a longer chain; the slowest, as logged (call@start+duration ms):");
            var slowest = outliers.OrderByDescending(l => l.TotalMilliseconds).First();
            output.WriteLine("    " + string.Join(", ", slowest.AwsCalls.OrderBy(c => c.AtMilliseconds).Select(c => $"{c.Call}@{c.AtMilliseconds:0.00}+{c.Milliseconds:0.00}")));
            if (outliers.Length > 2)
            {
                var median = outliers.OrderBy(l => l.TotalMilliseconds).ElementAt(outliers.Length / 2);
                output.WriteLine("    and a median one: " + string.Join(", ", median.AwsCalls.OrderBy(c => c.AtMilliseconds).Select(c => $"{c.Call}@{c.AtMilliseconds:0.00}+{c.Milliseconds:0.00}")));
            }
        }
        output.WriteLine($"  Mint and audit start side by side (both on the thread pool); median start of sns.Publish minus start of sts.AssumeRole: "
            + $"{F(StartGap(repeat), 2)} ms warm, {F(StartGap(coldStarts.Where(r => r.Flavour == "AOT").Select(r => r.Log)), 2)} ms AOT cold, "
            + $"{F(StartGap(coldStarts.Where(r => r.Flavour == "JIT").Select(r => r.Log)), 2)} ms JIT cold.");
        output.WriteLine("  " + StsftwOriginal);
        output.WriteLine("  Stand-in counts per pass (both tables): " + string.Join("; ", scale.CountsByPass.Select(c =>
            $"{c.Pass[..1]}: {c.Requests} requests -> KMS Decrypt {c.Counts.KmsDecrypt}, STS AssumeRole {c.Counts.StsAssumeRole}, SNS Publish {c.Counts.SnsPublish}")));
        output.WriteLine();

        var repeatTypical = Mode(repeat.Select(l => l.SequentialRoundTrips));
        var firstTypical = Mode(first.Select(l => l.SequentialRoundTrips));
        var repeatShare = repeat.Length == 0 ? 0 : 100.0 * repeat.Count(l => l.SequentialRoundTrips <= 3) / repeat.Length;
        Target("repeat request: <= 3 sequential AWS round trips, no Scan",
            $"{repeatTypical} typical, {repeatShare:0.#}% <= 3 (first request per account: {firstTypical})",
            repeat.Length > 0 && repeatTypical <= 3 && !repeat.Concat(first).Any(l => l.AwsCalls.Any(c => c.Call.Contains("Scan", StringComparison.OrdinalIgnoreCase))));
    }

    /// <summary>Latency with the small and the large table.</summary>
    public void Scale(ScaleResult scale)
    {
        var sizes = scale.Passes.Select(p => p.TableEntries).Distinct().OrderBy(n => n).ToArray();
        output.WriteLine($"Scale: warm latency with {sizes[0]:N0} and {sizes[^1]:N0} entries (AOT, local HTTP mode, dynalite + stand-ins; asked alternately)");
        output.WriteLine($"  large table seeded in {scale.SeedTime.TotalSeconds:F1} s (BatchWriteItem, 25 per call, 6 writers)");
        var table = new TextTable("pass", "entries", "n", "client p50 ms", "client p90 ms", "server p50 ms", "server p90 ms", "not issued");
        foreach (var p in scale.Passes)
        {
            table.Row(p.Pass, p.TableEntries.ToString("N0", CultureInfo.InvariantCulture), p.ClientMilliseconds.Count.ToString(CultureInfo.InvariantCulture),
                F(p.ClientMilliseconds.Median, 2), F(p.ClientMilliseconds.P90, 2), F(p.ServerMilliseconds.Median, 2), F(p.ServerMilliseconds.P90, 2),
                p.NotIssued.ToString(CultureInfo.InvariantCulture));
        }
        table.WriteTo(output);

        var ratios = new TextTable("ratio large/small (p50)", "client", "server");
        var repeatRatio = double.NaN;
        foreach (var pass in scale.Passes.GroupBy(p => p.Pass))
        {
            var small = pass.First(p => p.TableEntries == sizes[0]);
            var large = pass.First(p => p.TableEntries == sizes[^1]);
            var client = large.ClientMilliseconds.Median / small.ClientMilliseconds.Median;
            var server = large.ServerMilliseconds.Median / small.ServerMilliseconds.Median;
            ratios.Row(pass.Key, $"{client:F2}", $"{server:F2}");
        }
        var repeats = scale.Passes.Where(p => !p.Pass.StartsWith('A')).ToArray();
        repeatRatio = Summary.Of(repeats.Where(p => p.TableEntries == sizes[^1]).SelectMany(p => p.Logs).Select(l => l.TotalMilliseconds)).Median
            / Summary.Of(repeats.Where(p => p.TableEntries == sizes[0]).SelectMany(p => p.Logs).Select(l => l.TotalMilliseconds)).Median;
        ratios.Row("repeats B+C together", "", $"{repeatRatio:F2}");
        ratios.WriteTo(output);
        output.WriteLine();
        Target($"latency ratio {sizes[^1]:N0}/{sizes[0]:N0} entries near 1 (0.8-1.25)", $"{repeatRatio:F2} (server p50, repeats)",
            repeatRatio is >= 0.8 and <= 1.25 && scale.Passes.All(p => p.NotIssued == 0));
    }

    /// <summary>The issue's targets, met or not.</summary>
    public void Targets()
    {
        output.WriteLine("Targets");
        var table = new TextTable("target", "measured", "met");
        foreach (var (target, measured, met) in _targets) table.Row(target, measured, met ? "yes" : "NO");
        table.WriteTo(output);
        if (options.Quick) output.WriteLine("  (quick run: too few samples and a small large table; the full run gives the figures of record)");
    }

    private void Target(string target, string measured, bool met) => _targets.Add((target, measured, met));

    private static IEnumerable<LoggedAwsCall> CallsNamed(IEnumerable<ColdStartRun> runs, string flavour, string call) =>
        runs.Where(r => r.Flavour == flavour && r.Log is not null).SelectMany(r => r.Log!.AwsCalls).Where(c => c.Call == call);

    private static string PerRequest(IReadOnlyList<RequestLogLine> logs, string prefix) =>
        ((double)logs.Sum(l => l.AwsCalls.Count(c => c.Call.StartsWith(prefix, StringComparison.Ordinal))) / logs.Count).ToString("0.##", CultureInfo.InvariantCulture);

    private static string F(double value, int decimals = 1) => Summary.Format(value, decimals);

    private static double StartGap(IEnumerable<RequestLogLine?> logs) => Summary.Of(logs.OfType<RequestLogLine>().Select(l =>
    {
        var sts = l.AwsCalls.FirstOrDefault(c => c.Call == "sts.AssumeRole");
        var sns = l.AwsCalls.FirstOrDefault(c => c.Call == "sns.Publish");
        return sts is null || sns is null ? double.NaN : sns.AtMilliseconds - sts.AtMilliseconds;
    })).Median;

    private static int Mode(IEnumerable<int> values) =>
        values.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string MemoryGigabytes()
    {
        var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{bytes / 1024.0 / 1024 / 1024:F0} GB RAM";
    }

    private static string OsName()
    {
        try
        {
            var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (line is not null) return line["PRETTY_NAME=".Length..].Trim('"');
        }
        catch (IOException)
        {
        }
        return RuntimeInformation.OSDescription;
    }
}
