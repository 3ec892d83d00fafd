using System.Diagnostics;
using StsFtw.Core.Totp;
using StsFtw.Lambda.Bench.Measurement;
using StsFtw.Lambda.Bench.Rig;
using StsFtw.Testing.Lambda;

namespace StsFtw.Lambda.Bench.ColdStart;

/// <summary>
/// Process start -> first response delivered to the Runtime API, with an ALB event carrying a valid code queued
/// before the process starts: the Native AOT binary against <c>dotnet bootstrap.dll</c>, interleaved run by run.
/// </summary>
public sealed class ColdStartBenchmark(LocalAws aws, string aotBinary, string jitAssembly)
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="runsEach"/> cold starts of each flavour, AOT first, alternating.</summary>
    public async Task<IReadOnlyList<ColdStartRun>> RunAsync(int runsEach, TextWriter progress)
    {
        var table = await aws.Dynalite.CreateAuthTableAsync("bench-cold").ConfigureAwait(false);
        var accounts = new List<(string Name, TotpSecret Secret)>();
        for (var i = 0; i < runsEach * 2; i++)
        {
            var name = $"cold-{i:D3}";
            accounts.Add((name, await aws.EnrollAsync(table, name).ConfigureAwait(false)));
        }

        var runs = new List<ColdStartRun>();
        for (var i = 0; i < runsEach * 2; i++)
        {
            var aot = i % 2 == 0;
            var (name, secret) = accounts[i];
            var run = await RunOnceAsync(aot ? "AOT" : "JIT", aot ? aotBinary : jitAssembly, table, name, secret).ConfigureAwait(false);
            runs.Add(run);
            progress.Write($"\r  cold starts: {i + 1}/{runsEach * 2} ({run.Flavour} {Summary.Format(run.TotalMilliseconds)} ms)      ");
            await Task.Delay(200).ConfigureAwait(false);
        }
        progress.WriteLine();
        return runs;
    }

    /// <summary>
    /// Process start -> exit of <c>bootstrap --help</c>, interleaved: what starting the runtime costs before any of the
    /// backend is wired.
    /// </summary>
    public async Task<IReadOnlyList<(string Flavour, double Milliseconds)>> BareStartsAsync(int runsEach)
    {
        var results = new List<(string, double)>();
        for (var i = 0; i < runsEach * 2; i++)
        {
            var aot = i % 2 == 0;
            await using var process = LambdaProcess.Start(aot ? aotBinary : jitAssembly, new Dictionary<string, string?>(), "--help");
            await process.WaitForExitAsync(ResponseTimeout).ConfigureAwait(false);
            results.Add((aot ? "AOT" : "JIT", Stopwatch.GetElapsedTime(process.StartedTimestamp).TotalMilliseconds));
            await Task.Delay(100).ConfigureAwait(false);
        }
        return results;
    }

    private async Task<ColdStartRun> RunOnceAsync(string flavour, string executable, string table, string accountName, TotpSecret secret)
    {
        using var runtimeApi = new RuntimeApiStandIn();
        // A fresh account per run, so the code is never a replay; the step is taken now, well inside its window.
        var reply = runtimeApi.Invoke(LambdaEvents.Alb(LocalAws.RequestBody(accountName, PhoneCodes.For(secret, PhoneCodes.CurrentStep))));
        using var watch = new NextRequestWatch(runtimeApi);

        var environment = aws.BackendEnvironment(table);
        environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi.Address;
        await using var process = LambdaProcess.Start(executable, environment);
        var answered = await reply.WaitAsync(ResponseTimeout).ConfigureAwait(false);
        // Read the peak before the process is killed; it now waits in its second GET invocation/next.
        var peak = ProcessMemory.PeakResidentMegabytes(process.Process.Id);

        var total = Stopwatch.GetElapsedTime(process.StartedTimestamp, answered.ReceivedTimestamp).TotalMilliseconds;
        var firstGet = watch.FirstTimestamp;
        var init = firstGet == 0 ? double.NaN : Stopwatch.GetElapsedTime(process.StartedTimestamp, firstGet).TotalMilliseconds;

        RequestLogLine? log = null;
        try
        {
            var line = await process.WaitForOutputAsync(l => RequestLogLine.TryParse(l) is not null, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            log = RequestLogLine.TryParse(line);
        }
        catch (TimeoutException)
        {
        }
        var status = answered.Kind == RuntimeReplyKind.Response ? answered.StatusCode : -1;
        return new ColdStartRun(flavour, total, Math.Min(init, total), status, peak, log);
    }
}
