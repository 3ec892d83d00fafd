using System.Globalization;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.BruteForce;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Load;

namespace StsFtw.Load.Bench;

/// <summary>
/// The brute-force figures: a sequential attacker against several lockout policies (guesses checked per hour and the
/// odds that follow), and bursts of 64 concurrent guesses on one account.
/// </summary>
public sealed class BruteForceReport(DynaliteFixture dynalite, BenchOptions options, TextWriter output, TextWriter progress)
{
    private const int BurstSize = 64;

    // The consecutive-lock schedule alone, for comparison: a failure budget these runs never reach.
    private static readonly FailureBudget Unreached = new(FailureBudget.MaximumFailures, FailureBudget.ShortestWindow);

    /// <summary>
    /// The policies compared: the default (doubling locks and the failure budget), tighter budgets, and the consecutive
    /// locks alone (fixed locks, the maximum limit and the shortest lock) under a budget they never reach.
    /// </summary>
    public static IReadOnlyList<LockoutPolicy> Policies { get; } = new[]
    {
        LockoutPolicy.Default,
        new LockoutPolicy(5, TimeSpan.FromMinutes(15), TimeSpan.FromDays(1), new FailureBudget(10, TimeSpan.FromDays(7))),
        new LockoutPolicy(5, TimeSpan.FromMinutes(15), TimeSpan.FromDays(1), Unreached),
        new LockoutPolicy(5, TimeSpan.FromMinutes(15), budget: Unreached),
        new LockoutPolicy(3, TimeSpan.FromMinutes(15), budget: Unreached),
        new LockoutPolicy(10, TimeSpan.FromMinutes(15), budget: Unreached),
        new LockoutPolicy(5, TimeSpan.FromHours(1), budget: Unreached),
        new LockoutPolicy(LockoutPolicy.MaximumFailureLimit, TimeSpan.FromMinutes(15), LockoutPolicy.DefaultMaximumDuration, Unreached),
        new LockoutPolicy(LockoutPolicy.MaximumFailureLimit, TimeSpan.FromMinutes(15), budget: Unreached),
        new LockoutPolicy(LockoutPolicy.MaximumFailureLimit, LockoutPolicy.ShortestDuration, budget: Unreached),
    };

    /// <summary>Runs every part and prints it.</summary>
    public async Task RunAsync()
    {
        await SequentialAsync();
        await BurstsAsync();
    }

    private async Task SequentialAsync()
    {
        output.WriteLine();
        output.WriteLine("## Sequential attacker: wrong codes as fast as the broker answers, clock moved to each lock's end (429 Retry-After)");
        output.WriteLine($"   success per checked guess p = {GuessOdds.AcceptedCodes}/10^6 (steps -1, 0, +1); time to success is geometric in the guesses");
        output.WriteLine("   model = a burst as each lock ends, as many guesses as the next lock allows (limit + 1, or what the failure budget has left),");
        output.WriteLine("   each lock as the policy's LockAfter decides; the odds extrapolate the model");
        output.WriteLine();
        var table = new List<string[]>
        {
            new[] { "limit", "lock", "budget", "simulated", "checked", "model", "429s", "locks announced", "steady guesses/h", "mean to success", "median", "P(1 day)", "P(30 days)", "P(1 year)", "wall s" },
        };
        foreach (var policy in Policies)
        {
            progress.WriteLine($"  policy {policy.FailureLimit} / {policy.Duration} ...");
            using var rig = await BrokerOnLocalAws.StartAsync(dynalite, "bench-brute", policy);
            var victim = await rig.EnrollAsync("victim");
            var odds = new GuessOdds(policy);
            var periods = Math.Clamp(options.MaxChecksPerPolicy / policy.LockingFailure, 1, (int)(TimeSpan.FromDays(1) / policy.Duration));
            var attack = policy.Budget != Unreached ? TimeSpan.FromDays(14) : policy.MaximumDuration > policy.Duration ? TimeSpan.FromDays(3) : policy.Duration * periods;
            var run = await SequentialAttack.RunAsync(rig, "victim", victim, attack);
            var model = odds.ChecksWithin(attack);
            if (run.Unexpected.Count > 0 || run.CodesDecrypted != run.GuessesChecked || run.MostCheckedInAnyLockPeriod > policy.LockingFailure
                || run.GuessesChecked != model)
            {
                output.WriteLine($"   !! policy {policy.FailureLimit}/{policy.Duration}: unexpected answers {run.Unexpected.Count}, decrypts {run.CodesDecrypted}, "
                    + $"most checked per lock period {run.MostCheckedInAnyLockPeriod}, model {model} checked {run.GuessesChecked}");
            }
            table.Add(new[]
            {
                policy.FailureLimit.ToString(CultureInfo.InvariantCulture),
                policy.MaximumDuration > policy.Duration ? $"{Span(policy.Duration)} doubling to {Span(policy.MaximumDuration)}" : Span(policy.Duration),
                policy.Budget == Unreached ? "not reached" : $"{policy.Budget.Failures} per {Span(policy.Budget.Window)}",
                Span(attack), run.GuessesChecked.ToString(CultureInfo.InvariantCulture), model.ToString(CultureInfo.InvariantCulture),
                run.RefusedWhileLocked.ToString(CultureInfo.InvariantCulture),
                run.LocksAnnounced.ToString(CultureInfo.InvariantCulture), Number(odds.SteadyGuessesPerHour),
                Span(odds.MeanTimeToSuccess), Span(odds.MedianTimeToSuccess), Percent(odds.SuccessWithin(TimeSpan.FromDays(1))),
                Percent(odds.SuccessWithin(TimeSpan.FromDays(30))), Percent(odds.SuccessWithin(TimeSpan.FromDays(365))), Number(run.WallTime.TotalSeconds),
            });
        }
        Text.Table(output, table);
    }

    private async Task BurstsAsync()
    {
        output.WriteLine();
        output.WriteLine($"## {BurstSize} concurrent guesses on one account (default policy), {options.BurstTrials} trials each;");
        output.WriteLine("   in each trial one of the 64 is the right code, at a position spread over the burst, to see whether it can still win");
        output.WriteLine();
        var table = new List<string[]>
        {
            new[] { "burst", "checked (median, min-max)", "refused as locked", "locks announced", "right code won", "effective guesses/burst", "sequential/period" },
        };
        foreach (var afterLock in new[] { false, true })
        {
            progress.WriteLine($"  bursts {(afterLock ? "right after a lock ends" : "on a fresh account")} ...");
            var results = new List<BurstResult>();
            for (var trial = 0; trial < options.BurstTrials; trial++)
            {
                using var rig = await BrokerOnLocalAws.StartAsync(dynalite, "bench-burst", LockoutPolicy.Default);
                var victim = await rig.EnrollAsync("victim");
                if (afterLock)
                {
                    var first = await ConcurrentBurst.RunAsync(rig, "victim", victim, BurstSize);
                    rig.Clock.Advance(first.LockedUntil!.Value - rig.Clock.GetUtcNow());
                }
                results.Add(await ConcurrentBurst.RunAsync(rig, "victim", victim, BurstSize, correctAt: trial * BurstSize / options.BurstTrials));
            }
            var wins = results.Count(r => r.CorrectCodeWon);
            var checkedCounts = results.Select(r => (double)r.Checked).ToArray();
            table.Add(new[]
            {
                afterLock ? "second (as the first one's lock ends)" : "first (fresh account)",
                $"{Number(Percentiles.Median(checkedCounts))} ({checkedCounts.Min()}-{checkedCounts.Max()})",
                Number(Percentiles.Median(results.Select(r => (double)r.RefusedAsLocked))),
                Number(Percentiles.Median(results.Select(r => (double)r.LocksAnnounced))),
                $"{wins}/{results.Count}",
                Number((double)wins / results.Count * BurstSize),
                LockoutPolicy.Default.LockingFailure.ToString(CultureInfo.InvariantCulture),
            });
        }
        Text.Table(output, table);
        output.WriteLine();
        output.WriteLine("   'effective guesses/burst' = the share of positions at which the right code won x 64: how many of the 64 guesses");
        output.WriteLine("   could have succeeded. A code checked after the lock was written is refused by the conditional accept.");
    }

    private static string Number(double value) => value.ToString(value >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture);

    private static string Percent(double probability) => (probability * 100).ToString(probability < 0.01 ? "F3" : "F1", CultureInfo.InvariantCulture) + " %";

    private static string Span(TimeSpan span) =>
        span >= TimeSpan.FromDays(365) ? (span.TotalDays / 365.25).ToString("F2", CultureInfo.InvariantCulture) + " y"
        : span >= TimeSpan.FromDays(2) ? span.TotalDays.ToString("F1", CultureInfo.InvariantCulture) + " d"
        : span >= TimeSpan.FromHours(2) ? span.TotalHours.ToString("F1", CultureInfo.InvariantCulture) + " h"
        : span >= TimeSpan.FromMinutes(2) ? span.TotalMinutes.ToString("F0", CultureInfo.InvariantCulture) + " min"
        : span.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) + " s";
}
