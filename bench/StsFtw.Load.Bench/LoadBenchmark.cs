using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Load;

namespace StsFtw.Load.Bench;

/// <summary>
/// Runs the load campaigns of the tests (the same <see cref="LoadCampaign"/>), path after path, repetition after
/// repetition, each on a fresh table and fresh stand-ins, and keeps every run.
/// </summary>
public sealed class LoadBenchmark(DynaliteFixture dynalite, string aotBinary, BenchOptions options, TextWriter progress)
{
    /// <summary>The in-process shape: 100 accounts, each round 100 fresh codes, 25 racing copies, 25 replays.</summary>
    public LoadShape InProcessShape => new(Rounds: options.InProcessRounds, DuplicatesPerRound: 25, ReplaysPerRound: 25, Concurrency: 64);

    /// <summary>The HTTP shape: every fresh code sent twice at once, then the replays.</summary>
    public LoadShape HttpShape => new(Rounds: 1, DuplicatesPerRound: options.HttpAccounts, ReplaysPerRound: options.HttpReplays, MaxReplaysPerAccount: 4, Concurrency: 64);

    /// <summary>Runs every repetition and returns the runs by path.</summary>
    public async Task<IReadOnlyDictionary<string, List<LoadRun>>> RunAsync()
    {
        var runs = new Dictionary<string, List<LoadRun>>(StringComparer.Ordinal);
        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            progress.WriteLine($"  repetition {repetition}/{options.Repetitions}: in-process ...");
            Add(runs, await InProcessAsync());
            progress.WriteLine($"  repetition {repetition}/{options.Repetitions}: local HTTP (AOT) ...");
            Add(runs, await LocalHttpAsync());
        }
        return runs;
    }

    private async Task<LoadRun> InProcessAsync()
    {
        using var rig = await LoadRig.StartAsync(dynalite, "bench-in-process");
        var accounts = await rig.EnrollAsync(100);
        var clock = new SteppedClock();
        using var backend = new InProcessBackend(rig, clock.Time);
        await WarmUpAsync(backend);
        return await LoadCampaign.RunAsync(rig, accounts, backend, InProcessShape, clock.EnterRound);
    }

    private async Task<LoadRun> LocalHttpAsync()
    {
        using var rig = await LoadRig.StartAsync(dynalite, "bench-http");
        var accounts = await rig.EnrollAsync(options.HttpAccounts);
        await using var backend = await LocalModeBackend.StartAsync(aotBinary, rig.BackendEnvironment(), "local HTTP (AOT)");
        await WarmUpAsync(backend);
        return await LoadCampaign.RunAsync(rig, accounts, backend, HttpShape, _ => StsFtw.Core.Totp.TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow));
    }

    // First use of the AWS clients and connection pools is not what the benchmark measures: 128 requests for an
    // account nobody enrolled (401s) before the campaign starts counting.
    private static async Task WarmUpAsync(ILoadTarget target)
    {
        var body = LoadRig.RequestBody("nobody-warm-up", "123456");
        await Parallel.ForEachAsync(Enumerable.Range(0, 128), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (_, ct) => await target.SendAsync(body, ct));
    }

    private static void Add(Dictionary<string, List<LoadRun>> runs, LoadRun run)
    {
        if (!runs.TryGetValue(run.Target, out var list)) runs[run.Target] = list = new List<LoadRun>();
        list.Add(run);
    }
}
