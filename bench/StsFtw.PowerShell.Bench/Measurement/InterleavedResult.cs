namespace StsFtw.PowerShell.Bench.Measurement;

/// <summary>The times of interleaved runs: <c>Times[v][r]</c> is variant <c>v</c>'s run in round <c>r</c>, in milliseconds.</summary>
public sealed record InterleavedResult(IReadOnlyList<Variant> Variants, IReadOnlyList<IReadOnlyList<double>> Times)
{
    /// <summary>The order statistics of one variant's runs.</summary>
    public Summary Of(int variant) => Summary.Of(Times[variant]);

    /// <summary>
    /// Round by round, <paramref name="variant"/>'s time less <paramref name="baseline"/>'s in the same round: runs
    /// made seconds apart share the machine's load, so these differences are steadier than a difference of medians.
    /// </summary>
    public Summary PairedDifference(int variant, int baseline) =>
        Summary.Of(Times[variant].Zip(Times[baseline], (a, b) => a - b));
}
