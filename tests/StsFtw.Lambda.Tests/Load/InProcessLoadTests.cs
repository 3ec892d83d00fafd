using System.Diagnostics;
using StsFtw.Lambda.Tests.Process;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Load;
using Xunit.Abstractions;

namespace StsFtw.Lambda.Tests.Load;

/// <summary>
/// Load: the endpoint in-process (real broker, DynamoDB adapter on dynalite, real SDK clients on the
/// stand-ins) on a simulated clock, so 100 accounts can each use 34 distinct time steps. Each round every account
/// presents its fresh code once, 25 of them twice at the same time, then 25 requests replay accepted codes.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class InProcessLoadTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    /// <summary>The in-suite run: 34 rounds x (100 fresh + 25 racing copies + 25 replays) = 5,100 requests at concurrency 64.</summary>
    public static readonly LoadShape Shape = new(Rounds: 34, DuplicatesPerRound: 25, ReplaysPerRound: 25, Concurrency: 64, VerifyEntriesEveryRound: true);

    [Fact]
    public async Task FiveThousandConcurrentRequestsAcceptEveryFreshCodeOnceAndNoReplay()
    {
        var total = Stopwatch.StartNew();
        using var rig = await LoadRig.StartAsync(dynalite, "load-in-process");
        var accounts = await rig.EnrollAsync(100);
        var clock = new SteppedClock();
        using var backend = new InProcessBackend(rig, clock.Time);

        var run = await LoadCampaign.RunAsync(rig, accounts, backend, Shape, clock.EnterRound);
        output.WriteLine(LoadAssertions.Describe(run) + $"; whole test {total.Elapsed.TotalSeconds:F1} s");

        Assert.True(run.Ledger.Sent >= 5000, $"only {run.Ledger.Sent} requests were sent");
        Assert.Equal(Shape.Rounds * accounts.Count, run.Ledger.FreshCodes);
        LoadAssertions.EveryFreshCodeWasAcceptedOnceAndNoReplay(run);
        LoadAssertions.EveryMintWasCountedAndAnnouncedOnce(run);
        LoadAssertions.EveryEntryIsIntact(run);
        Assert.Equal(run.Ledger.Sent, backend.LoggedRequests);
    }
}
