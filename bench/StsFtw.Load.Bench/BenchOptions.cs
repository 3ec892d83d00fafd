namespace StsFtw.Load.Bench;

/// <summary>What to run and how much of it.</summary>
/// <param name="Quick">A smoke run.</param>
/// <param name="BruteForce">The brute-force report instead of the load benchmark.</param>
/// <param name="Repetitions">Load runs per path, interleaved (in-process, HTTP, in-process, ...).</param>
/// <param name="InProcessRounds">Rounds of the in-process run (100 accounts; 150 requests a round).</param>
/// <param name="HttpAccounts">Accounts of the HTTP run (each: one fresh code sent twice at once, then up to 4 replays).</param>
/// <param name="HttpReplays">Replays of the HTTP run.</param>
/// <param name="BurstTrials">Trials per burst experiment (the right code at positions spread over the burst).</param>
/// <param name="MaxChecksPerPolicy">Bounds the simulated attack per policy (the rate is periodic, so whole periods suffice).</param>
public sealed record BenchOptions(bool Quick, bool BruteForce, int Repetitions, int InProcessRounds, int HttpAccounts, int HttpReplays, int BurstTrials,
    int MaxChecksPerPolicy)
{
    /// <summary>Usage text.</summary>
    public const string Usage = """
        StsFtw load and brute-force benchmark.

        Usage: dotnet run -c Release --project bench/StsFtw.Load.Bench [-- [--quick] [--brute-force]]

          (no option)     load: 3 interleaved repetitions of each path, 5,100 requests in-process (100 accounts,
                          34 simulated time steps) and 5,000 through `bootstrap --listen` (AOT, 1,000 accounts)
          --brute-force   the brute-force report: guesses per hour and odds for several lockout policies, and
                          64 concurrent guesses on one account
          --quick         a smoke run of either
          --help          this text

        Needs Node.js (dynalite); the load run publishes the Native AOT binary if it is older than its sources.
        Do not run it while tests run (two AOT publishes at once corrupt obj/).
        """;

    /// <summary>Parses the command line; null (after printing why) when it is not understood or help was asked for.</summary>
    public static BenchOptions? Parse(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var unknown = args.Where(a => a is not ("--quick" or "--brute-force")).ToArray();
        if (unknown.Length > 0)
        {
            if (unknown is not ["--help" or "-h"]) output.WriteLine("Unrecognised arguments: " + string.Join(' ', unknown));
            output.WriteLine(Usage);
            return null;
        }
        var quick = args.Contains("--quick");
        var bruteForce = args.Contains("--brute-force");
        return quick
            ? new BenchOptions(true, bruteForce, 1, 4, 200, 400, 8, 300)
            : new BenchOptions(false, bruteForce, 3, 34, 1000, 3000, 64, 1200);
    }
}
