using StsFtw.Bench.Common;
using StsFtw.PowerShell.Bench.Measurement;
using StsFtw.PowerShell.Bench.Pwsh;

namespace StsFtw.PowerShell.Bench;

/// <summary>The report on stdout: the setting, one row per variant, then the ratios and differences.</summary>
public sealed class BenchReport(TextWriter output)
{
    /// <summary>Where and how the figures were taken.</summary>
    public void Setting(PwshTool pwsh, string moduleManifest, string endpoint, int runsEach)
    {
        output.WriteLine($"StsFtw PowerShell module benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"  machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        output.WriteLine($"  pwsh {pwsh.Version} (the repository's local tool), started as {pwsh.Executable} -NoProfile -Command ...");
        output.WriteLine($"  module: {moduleManifest}");
        output.WriteLine($"  backend: loopback stand-in at {endpoint} (fixed credentials JSON)");
        output.WriteLine($"  {runsEach} fresh pwsh processes per variant, interleaved; wall clock from process start to exit");
        output.WriteLine();
    }

    /// <summary>
    /// The table, then the comparisons: variant 1 (Import-Module) and variant 2 (end to end) with the bare start
    /// (variant 0), and the end to end with Import-Module alone.
    /// </summary>
    public void Results(InterleavedResult result)
    {
        var bare = result.Of(0).Median;
        var table = new TextTable("variant", "median ms", "p90 ms", "min ms", "median / bare");
        for (var i = 0; i < result.Variants.Count; i++)
        {
            var summary = result.Of(i);
            table.Row(result.Variants[i].Label, Summary.Format(summary.Median), Summary.Format(summary.P90), Summary.Format(summary.Min), Ratio(summary.Median, bare));
        }
        table.WriteTo(output);
        output.WriteLine();
        var import = result.Of(1).Median;
        var endToEnd = result.Of(2).Median;
        output.WriteLine($"  ratios of medians: import / bare {Ratio(import, bare)}, end to end / bare {Ratio(endToEnd, bare)}, " +
            $"end to end / import {Ratio(endToEnd, import)}");
        output.WriteLine("  added time, median of the per-round differences (difference of the medians):");
        output.WriteLine($"    Import-Module over a bare start:            {Added(result, 1, 0)}");
        output.WriteLine($"    Get-StsCredential over Import-Module alone: {Added(result, 2, 1)}");
        output.WriteLine($"    end to end over a bare start:               {Added(result, 2, 0)}");
        output.WriteLine($"    credential_process (cached) over a bare start: {Added(result, Variant.CachedCredentialProcess, 0)}");
        output.WriteLine($"    credential_process (cached) over end to end:   {Added(result, Variant.CachedCredentialProcess, 2)}");
    }

    private static string Added(InterleavedResult result, int variant, int baseline)
    {
        var paired = result.PairedDifference(variant, baseline);
        var ofMedians = result.Of(variant).Median - result.Of(baseline).Median;
        return $"{Summary.Format(paired.Median)} ms ({Summary.Format(ofMedians)} ms)";
    }

    private static string Ratio(double value, double baseline) => Summary.Format(value / baseline, 2) + "×";
}
