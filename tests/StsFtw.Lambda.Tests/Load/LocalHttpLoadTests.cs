using System.Diagnostics;
using StsFtw.Core.Totp;
using StsFtw.Lambda.Tests.Process;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Lambda;
using StsFtw.Testing.Load;
using Xunit.Abstractions;

namespace StsFtw.Lambda.Tests.Load;

/// <summary>
/// Load: the real <c>bootstrap --listen</c> process (JIT build) over HTTP, on the real clock. A real clock
/// gives each account one time step per 30 s, so instead of many steps per account this run uses more accounts,
/// each in the current step: 1,000 fresh codes, every one of them sent twice at the same time, then 3,000 replays of
/// accepted codes (at most 4 per account, so an account collects at most 5 failures and never locks) — 5,000
/// requests at concurrency 64. 1,000 accounts also fit the backend's reveal cache (1,024), as a warm Lambda's would.
/// </summary>
/// <remarks>
/// A code presented one step late still verifies (the window is -1..+1) and its step is the one it was made in, so
/// the run is exact as long as the fresh batch is answered within one step (30 s), which the test checks first.
/// </remarks>
[Collection(DynaliteCollection.Name)]
public sealed class LocalHttpLoadTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    public const int Accounts = 1000;

    public static readonly LoadShape Shape = new(Rounds: 1, DuplicatesPerRound: 1000, ReplaysPerRound: 3000, MaxReplaysPerAccount: 4, Concurrency: 64);

    [Fact]
    public async Task FiveThousandConcurrentRequestsOverHttpAcceptEveryFreshCodeOnceAndNoReplay()
    {
        var total = Stopwatch.StartNew();
        using var rig = await LoadRig.StartAsync(dynalite, "load-http");
        var accounts = await rig.EnrollAsync(Accounts);
        await using var backend = await LocalModeBackend.StartAsync(LambdaArtifacts.JitAssembly, rig.BackendEnvironment(), "local HTTP (JIT)");
        output.WriteLine($"set-up (table, {Accounts} enrollments, process start) {total.Elapsed.TotalSeconds:F1} s");

        var run = await LoadCampaign.RunAsync(rig, accounts, backend, Shape, _ => TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow));
        output.WriteLine(LoadAssertions.Describe(run) + $"; whole test {total.Elapsed.TotalSeconds:F1} s");

        Assert.True(run.LongestFreshBatch < TimeSpan.FromSeconds(30), $"the fresh codes took {run.LongestFreshBatch.TotalSeconds:F1} s, longer than a time step");
        Assert.Equal(5000, run.Ledger.Sent);
        Assert.Equal(Accounts, run.Ledger.FreshCodes);
        LoadAssertions.EveryFreshCodeWasAcceptedOnceAndNoReplay(run);
        LoadAssertions.EveryMintWasCountedAndAnnouncedOnce(run);
        LoadAssertions.EveryEntryIsIntact(run);
        Assert.Equal(run.Ledger.Sent, backend.LoggedRequests);
        Assert.DoesNotContain(backend.Process.Errors, line => line.Length > 0);
    }
}
