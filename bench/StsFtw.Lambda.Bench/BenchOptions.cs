namespace StsFtw.Lambda.Bench;

/// <summary>How much to measure: the full run (the figures for the issue and the README) or a quick smoke run.</summary>
/// <param name="Quick">True for <c>--quick</c>.</param>
/// <param name="ColdStartsEach">Cold starts of each flavour (AOT, JIT), interleaved.</param>
/// <param name="InProcessAccounts">Accounts per in-process rig (under the reveal cache's capacity of 1024).</param>
/// <param name="InProcessWarmupRounds">Rounds (one request per account each) before measuring.</param>
/// <param name="InProcessMeasuredRounds">Rounds measured.</param>
/// <param name="SmallTableEntries">Entries in the small table (all of them enrolled through Core and measured).</param>
/// <param name="LargeTableEntries">Entries in the large table.</param>
public sealed record BenchOptions(bool Quick, int ColdStartsEach, int InProcessAccounts, int InProcessWarmupRounds, int InProcessMeasuredRounds,
    int SmallTableEntries, int LargeTableEntries)
{
    /// <summary>Usage text.</summary>
    public const string Usage = """
        StsFtw Lambda backend benchmark.

        Usage: dotnet run -c Release --project bench/StsFtw.Lambda.Bench [-- --quick]

          (no option)   the full run: 15 cold starts each, 2 x 20,000 in-process requests, 100 vs 100,000 entries
          --quick       a smoke run: 3 cold starts each, 2 x 1,000 in-process requests, 100 vs 1,000 entries
          --help        this text

        Needs Node.js (dynalite) and publishes the Native AOT binary to artifacts/lambda/linux-x64 if it is not there.
        """;

    /// <summary>The full run.</summary>
    public static BenchOptions Full { get; } = new(false, 15, 500, 10, 40, 100, 100_000);

    /// <summary>The smoke run.</summary>
    public static BenchOptions QuickRun { get; } = new(true, 3, 200, 2, 5, 100, 1_000);

    /// <summary>Parses the command line; null (after printing why) when it is not understood or help was asked for.</summary>
    public static BenchOptions? Parse(string[] args, TextWriter output)
    {
        if (args.Length == 0) return Full;
        if (args is ["--quick"]) return QuickRun;
        if (args is not ["--help" or "-h"]) output.WriteLine("Unrecognised arguments: " + string.Join(' ', args));
        output.WriteLine(Usage);
        return null;
    }
}
