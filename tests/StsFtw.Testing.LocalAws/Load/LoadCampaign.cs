using System.Diagnostics;
using StsFtw.Core.Enrollment;

namespace StsFtw.Testing.Load;

/// <summary>
/// Runs a <see cref="LoadShape"/> against a target: round after round, the fresh codes (with their racing copies),
/// then the replays; books every answer; finally reads every entry back. Only sending is timed.
/// </summary>
public static class LoadCampaign
{
    /// <summary>Runs the campaign. <paramref name="enterRound"/> moves to the round's time step and returns it.</summary>
    public static async Task<LoadRun> RunAsync(
        LoadRig rig, IReadOnlyList<LoadAccount> accounts, ILoadTarget target, LoadShape shape, Func<int, long> enterRound,
        LockoutPolicy? lockout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(enterRound);
        lockout ??= LoadRig.Lockout;
        shape.CheckFits(accounts.Count, lockout.LockingFailure, lockout.Budget.LockingFailure);

        var before = await LoadEntries.SnapshotAsync(rig, accounts, cancellationToken).ConfigureAwait(false);
        var tallyBefore = rig.Tally();
        var ledger = new LoadLedger();
        var workload = new LoadWorkload(accounts, shape);
        var entryProblems = new List<string>();
        var sending = new Stopwatch();
        var longestFreshBatch = TimeSpan.Zero;

        for (var round = 0; round < shape.Rounds; round++)
        {
            var step = enterRound(round);
            var freshStarted = sending.Elapsed;
            sending.Start();
            var fresh = await LoadRunner.RunAsync(target, workload.FreshBatch(round, step), shape.Concurrency, cancellationToken).ConfigureAwait(false);
            sending.Stop();
            if (sending.Elapsed - freshStarted > longestFreshBatch) longestFreshBatch = sending.Elapsed - freshStarted;
            ledger.RecordFresh(fresh);

            var replays = workload.ReplayBatch(round, ledger);
            sending.Start();
            var replayed = await LoadRunner.RunAsync(target, replays, shape.Concurrency, cancellationToken).ConfigureAwait(false);
            sending.Stop();
            ledger.RecordReplays(replayed);

            if (shape.VerifyEntriesEveryRound && round < shape.Rounds - 1)
            {
                entryProblems.AddRange(await LoadEntries.CheckAsync(rig, accounts, ledger, before, throughAdapter: false, cancellationToken).ConfigureAwait(false));
            }
        }

        entryProblems.AddRange(await LoadEntries.CheckAsync(rig, accounts, ledger, before, throughAdapter: true, cancellationToken).ConfigureAwait(false));
        return new LoadRun(target.Name, accounts.Count, shape, ledger, rig.Tally().Since(tallyBefore), entryProblems, sending.Elapsed, longestFreshBatch);
    }
}

/// <summary>What one campaign did and found.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Accounts">Accounts used.</param>
/// <param name="Shape">The shape sent.</param>
/// <param name="Ledger">Every answer and every broken rule.</param>
/// <param name="StandIns">What the stand-ins saw during the campaign.</param>
/// <param name="EntryProblems">What reading the entries back found wrong (empty when every entry is intact).</param>
/// <param name="SendingTime">Time spent sending (entry checks excluded).</param>
/// <param name="LongestFreshBatch">
/// The longest time one round's fresh codes took to be answered. On the real clock it must stay under one time step
/// (30 s), or codes made at the start of the batch expire before they are checked.
/// </param>
public sealed record LoadRun(
    string Target, int Accounts, LoadShape Shape, LoadLedger Ledger, StandInTally StandIns, IReadOnlyList<string> EntryProblems, TimeSpan SendingTime,
    TimeSpan LongestFreshBatch)
{
    /// <summary>Requests per second while sending.</summary>
    public double Throughput => Ledger.Sent / SendingTime.TotalSeconds;

    /// <summary>Latencies of the answers with <paramref name="status"/> (all when null), in milliseconds.</summary>
    public IEnumerable<double> Latencies(int? status = null) =>
        Ledger.Results.Where(r => status is null || r.Status == status).Select(r => r.Milliseconds);
}
