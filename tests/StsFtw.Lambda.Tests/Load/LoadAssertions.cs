using StsFtw.Testing.Load;

namespace StsFtw.Lambda.Tests.Load;

/// <summary>The rules every load run must keep, whichever way the requests arrived.</summary>
internal static class LoadAssertions
{
    public static void EveryFreshCodeWasAcceptedOnceAndNoReplay(LoadRun run)
    {
        var ledger = run.Ledger;
        Assert.Empty(ledger.Violations);
        Assert.Equal(ledger.FreshCodes, ledger.FreshCodesAcceptedOnce);
        Assert.Equal(0, ledger.FreshCodesRefused);
        Assert.Equal(0, ledger.FreshCodesAcceptedTwice);
        Assert.Equal(0, ledger.ReplaysAccepted);
        Assert.Equal(ledger.FreshCodes, ledger.Accepted);
        Assert.Equal(new Dictionary<int, int> { [200] = ledger.FreshCodes, [401] = ledger.Duplicates + ledger.Replays }, ledger.ByStatus);
    }

    public static void EveryMintWasCountedAndAnnouncedOnce(LoadRun run)
    {
        var ledger = run.Ledger;
        Assert.Equal(ledger.Accepted, run.StandIns.AssumeRole);
        Assert.Equal(ledger.Accepted, run.StandIns.Audited("CredentialsMinted"));
        // Refusal announcements are one bounded attempt (SECURITY.md rule 6): under this load some may time out; none is extra.
        Assert.InRange(run.StandIns.Audited("RequestRefused"), 1, ledger.Sent - ledger.Accepted);
        Assert.Equal(0, run.StandIns.Audited("AccountLocked"));
        Assert.Equal(0, run.StandIns.Audited("MintFailed"));
    }

    public static void EveryEntryIsIntact(LoadRun run) => Assert.Empty(run.EntryProblems);

    public static string Describe(LoadRun run)
    {
        var all = Percentiles.Of(run.Latencies());
        var accepted = Percentiles.Of(run.Latencies(200));
        var refused = Percentiles.Of(run.Latencies(401));
        return $"{run.Target}: {run.Ledger.Sent} requests ({run.Ledger.Accepted} x 200, {run.Ledger.Sent - run.Ledger.Accepted} x 401) across {run.Accounts} accounts "
            + $"at concurrency {run.Shape.Concurrency} in {run.SendingTime.TotalSeconds:F1} s = {run.Throughput:F0} req/s; "
            + $"p50/p90/p99 ms all {all.P50:F1}/{all.P90:F1}/{all.P99:F1}, 200 {accepted.P50:F1}/{accepted.P90:F1}/{accepted.P99:F1}, "
            + $"401 {refused.P50:F1}/{refused.P90:F1}/{refused.P99:F1}";
    }
}
