using StsFtw.PowerShell.Bench.Pwsh;

namespace StsFtw.PowerShell.Bench.Measurement;

/// <summary>
/// Runs every variant once per round, rotating which goes first, so that whatever else the shared machine does
/// falls on all of them alike. Each run is a fresh pwsh process; a run that fails stops the benchmark.
/// </summary>
public sealed class InterleavedRuns(PwshTool pwsh, IReadOnlyList<Variant> variants, string workingDirectory)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PauseBetweenRuns = TimeSpan.FromMilliseconds(100);

    /// <summary>One unmeasured warm-up run of each variant, then <paramref name="rounds"/> measured rounds.</summary>
    public async Task<InterleavedResult> RunAsync(int rounds, TextWriter progress)
    {
        progress.WriteLine("  warm-up: one unmeasured run of each variant ...");
        foreach (var variant in variants) await RunCheckedAsync(variant).ConfigureAwait(false);

        var times = variants.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < variants.Count; i++)
            {
                var index = (round + i) % variants.Count;
                times[index].Add((await RunCheckedAsync(variants[index]).ConfigureAwait(false)).Milliseconds);
                await Task.Delay(PauseBetweenRuns).ConfigureAwait(false);
            }
            progress.Write($"\r  round {round + 1}/{rounds}: {string.Join(" / ", times.Select(t => Summary.Format(t[^1])))} ms      ");
        }
        progress.WriteLine();
        return new InterleavedResult(variants, times);
    }

    private async Task<PwshRun> RunCheckedAsync(Variant variant)
    {
        var run = await PwshProcess.RunAsync(pwsh, variant.Command, workingDirectory, RunTimeout, variant.Environment, variant.NonInteractive).ConfigureAwait(false);
        return variant.Failure(run) is { } failure ? throw new InvalidOperationException(failure) : run;
    }
}
