using StsFtw.Aws.Tests.Fixtures;
using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.BruteForce;
using StsFtw.Testing.Fixtures;
using Xunit.Abstractions;

namespace StsFtw.Aws.Tests.BruteForce;

/// <summary>
/// Brute force: an attacker with unlimited requests against one account, on the real broker, the DynamoDB
/// adapter on dynalite and a simulated clock. Checked guesses are counted twice over: by the broker's answers and by
/// the KMS stand-in (no reveal cache here, so each checked code is one Decrypt).
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class BruteForceTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    // The consecutive-lock schedule alone: a budget these runs never reach (999 failures an hour).
    private static readonly FailureBudget Unreached = new(FailureBudget.MaximumFailures, FailureBudget.ShortestWindow);

    [Fact]
    public async Task DayLongAttackOnAFixedLockGetsSixGuessesPerLockAndTheOwnerStillGetsIn()
    {
        var policy = new LockoutPolicy(LockoutPolicy.DefaultFailureLimit, LockoutPolicy.DefaultDuration, budget: Unreached);
        using var rig = await BrokerOnLocalAws.StartAsync(dynalite, "brute-day", policy);
        var alice = await rig.EnrollAsync("alice");

        var run = await SequentialAttack.RunAsync(rig, "alice", alice, TimeSpan.FromHours(24));
        output.WriteLine($"{run.GuessesChecked} guesses checked in {run.Simulated.TotalHours:F1} simulated hours = {run.GuessesPerHour:F1}/h; "
            + $"{run.RefusedWhileLocked} refused as locked; {run.LocksAnnounced} locks announced; wall time {run.WallTime.TotalSeconds:F1} s");

        Assert.Empty(run.Unexpected);
        Assert.Equal(96 * policy.LockingFailure, run.GuessesChecked);
        Assert.Equal(run.GuessesChecked, run.CodesDecrypted);
        Assert.Equal(policy.LockingFailure, run.MostCheckedInAnyLockPeriod);
        Assert.Equal(new GuessOdds(policy).ChecksWithin(TimeSpan.FromHours(24)), run.GuessesChecked);
        Assert.Equal(24.0, run.GuessesPerHour, precision: 6);
        Assert.Equal(96, run.RefusedWhileLocked);
        Assert.Equal(run.RefusedWhileLocked, run.LocksAnnounced);

        var ownersLogin = await rig.AskAsync("alice", rig.CodeNow(alice));
        Assert.IsType<CredentialsIssued>(ownersLogin);
        var entry = await rig.Table.GetAsync(BrokerOnLocalAws.Account("alice"), CancellationToken.None);
        Assert.Equal(0, entry!.ConsecutiveFailures);
    }

    [Fact]
    public async Task DoublingLocksLeaveADayLongAttackFortyTwoGuessesAndTheOwnerStillGetsIn()
    {
        var policy = new LockoutPolicy(LockoutPolicy.DefaultFailureLimit, LockoutPolicy.DefaultDuration, LockoutPolicy.DefaultMaximumDuration, Unreached);
        using var rig = await BrokerOnLocalAws.StartAsync(dynalite, "brute-doubling", policy);
        var alice = await rig.EnrollAsync("alice");

        var run = await SequentialAttack.RunAsync(rig, "alice", alice, TimeSpan.FromHours(24));
        output.WriteLine($"{run.GuessesChecked} guesses checked in a day of doubling locks; {run.LocksAnnounced} locks announced");

        // Bursts of six at 0, 15 min, 45 min, 1 h 45, 3 h 45, 7 h 45 and 15 h 45; the seventh lock lasts 16 h.
        Assert.Empty(run.Unexpected);
        Assert.Equal(7 * policy.LockingFailure, run.GuessesChecked);
        Assert.Equal(new GuessOdds(policy).ChecksWithin(TimeSpan.FromHours(24)), run.GuessesChecked);
        Assert.Equal(run.GuessesChecked, run.CodesDecrypted);
        Assert.Equal(7, run.LocksAnnounced);
        Assert.Equal(TimeSpan.FromMinutes(15 + 30 + 60 + 120 + 240 + 480 + 960), run.Simulated);

        var ownersLogin = await rig.AskAsync("alice", rig.CodeNow(alice));
        Assert.IsType<CredentialsIssued>(ownersLogin);
        var entry = await rig.Table.GetAsync(BrokerOnLocalAws.Account("alice"), CancellationToken.None);
        Assert.Equal((0, 0), (entry!.ConsecutiveFailures, entry.ConsecutiveLocks));
    }

    [Fact]
    public async Task MaximumLimitAllowsAHundredGuessesPerLock()
    {
        var policy = new LockoutPolicy(LockoutPolicy.MaximumFailureLimit, LockoutPolicy.DefaultDuration, budget: Unreached);
        using var rig = await BrokerOnLocalAws.StartAsync(dynalite, "brute-max", policy);
        var alice = await rig.EnrollAsync("alice");

        var run = await SequentialAttack.RunAsync(rig, "alice", alice, TimeSpan.FromHours(1));
        output.WriteLine($"limit 99: {run.GuessesPerHour:F1} guesses/h, wall time {run.WallTime.TotalSeconds:F1} s");

        Assert.Empty(run.Unexpected);
        Assert.Equal(4 * 100, run.GuessesChecked);
        Assert.Equal(run.GuessesChecked, run.CodesDecrypted);
        Assert.Equal(100, run.MostCheckedInAnyLockPeriod);
        Assert.Equal(4, run.LocksAnnounced);
    }

    /// <summary>
    /// The default policy over two weeks: bursts of six as each doubling lock ends until the window's budget of 20 is
    /// spent (the 21st failure locks until the window closes), then the same from the next window. The lock level that
    /// the first week built does not decay, because the attacker is never quiet.
    /// </summary>
    [Fact]
    public async Task FailureBudgetHoldsATwoWeekAttackToTwentyOneGuessesAWeek()
    {
        var policy = LockoutPolicy.Default;
        using var rig = await BrokerOnLocalAws.StartAsync(dynalite, "brute-budget", policy);
        var alice = await rig.EnrollAsync("alice");

        var run = await SequentialAttack.RunAsync(rig, "alice", alice, TimeSpan.FromDays(14));
        output.WriteLine($"{run.GuessesChecked} guesses checked in two weeks; {run.LocksAnnounced} locks announced; {rig.Audited("FailedCodes")} failed-codes announcements");

        Assert.Empty(run.Unexpected);
        Assert.Equal(2 * policy.Budget.LockingFailure, run.GuessesChecked);
        Assert.Equal(new GuessOdds(policy).ChecksWithin(TimeSpan.FromDays(14)), run.GuessesChecked);
        Assert.Equal(run.GuessesChecked, run.CodesDecrypted);
        Assert.Equal(8, run.LocksAnnounced);
        Assert.Equal(2, rig.Audited("FailedCodes"));
        Assert.Equal(TimeSpan.FromDays(14), run.Simulated);

        Assert.IsType<CredentialsIssued>(await rig.AskAsync("alice", rig.CodeNow(alice)));
    }

    [Fact]
    public async Task LockedAccountRefusesEvenTheRightCodeWithoutCheckingIt()
    {
        using var rig = await BrokerOnLocalAws.StartAsync(dynalite, "brute-locked", LockoutPolicy.Default);
        var alice = await rig.EnrollAsync("alice");
        var guesses = new WrongGuesses(alice);
        for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++) await rig.AskAsync("alice", guesses.Next(rig.Clock.GetUtcNow()));
        var checkedBefore = rig.CodesChecked;
        var before = await rig.Table.GetAsync(BrokerOnLocalAws.Account("alice"), CancellationToken.None);

        var rightCode = Assert.IsType<RequestRefusal>(await rig.AskAsync("alice", rig.CodeNow(alice)));

        Assert.Equal(RefusalReason.AccountLocked, rightCode.Reason);
        Assert.Equal(LockoutPolicy.DefaultDuration, rightCode.RetryAfter);
        Assert.Equal(checkedBefore, rig.CodesChecked);
        var after = await rig.Table.GetAsync(BrokerOnLocalAws.Account("alice"), CancellationToken.None);
        Assert.Equal((before!.LastAcceptedTimeStep, before.ConsecutiveFailures, before.LockedUntil), (after!.LastAcceptedTimeStep, after.ConsecutiveFailures, after.LockedUntil));
        Assert.Equal(1, rig.Audited("AccountLocked"));

        rig.Clock.Advance(rightCode.RetryAfter!.Value);
        Assert.IsType<CredentialsIssued>(await rig.AskAsync("alice", rig.CodeNow(alice)));
    }

    /// <summary>
    /// 64 wrong guesses released at once all read the entry before any failure is written, so the broker checks
    /// most or all of them: the policy's limit does not bound checks within one burst. What it bounds is acceptance
    /// (see <see cref="RightCodeVerifiedBeforeTheLockButWrittenAfterItIsRefused"/> and the adapter's
    /// TimeStepIsRefusedOnceFailuresReachTheLockingNumberEvenBeforeTheLockIsWritten). The lock is set and announced once.
    /// </summary>
    [Fact]
    public async Task SixtyFourConcurrentGuessesMintNothingAndLockOnce()
    {
        // A budget the burst cannot spend, so the lock it sets is the consecutive one whichever request wins the lock write.
        var policy = new LockoutPolicy(LockoutPolicy.DefaultFailureLimit, LockoutPolicy.DefaultDuration, LockoutPolicy.DefaultMaximumDuration,
            new FailureBudget(100, FailureBudget.DefaultWindow));
        using var rig = await BrokerOnLocalAws.StartAsync(dynalite, "brute-burst", policy);
        var alice = await rig.EnrollAsync("alice");

        var burst = await ConcurrentBurst.RunAsync(rig, "alice", alice, size: 64);
        output.WriteLine($"burst of 64: {burst.Checked} checked before the lock bit, {burst.RefusedAsLocked} refused as locked, "
            + $"{burst.BudgetSpent} counted in the failure budget, {burst.FailuresCarriedOver} towards the next lock");

        Assert.Equal(64, burst.Checked + burst.RefusedAsLocked);
        Assert.Equal(burst.Checked, burst.CodesDecrypted);
        Assert.True(burst.Checked >= policy.LockingFailure, $"only {burst.Checked} were checked");
        Assert.Equal(0, burst.Issued);
        Assert.Equal(1, burst.LocksAnnounced);
        Assert.InRange(burst.FailuresCarriedOver, 0, burst.Checked - policy.LockingFailure);
        Assert.Equal(rig.Clock.GetUtcNow() + policy.Duration, burst.LockedUntil);

        // Every failure that landed before the lock counted in the failure budget, so the next period allows what the
        // budget has left (failures that landed after the lock write counted nowhere).
        Assert.InRange(burst.BudgetSpent, policy.LockingFailure, burst.Checked);
        rig.Clock.Advance(policy.Duration);
        var run = await SequentialAttack.RunAsync(rig, "alice", alice, policy.Duration - TimeSpan.FromSeconds(1));
        Assert.Equal(Math.Max(1, Math.Min(policy.LockingFailure - burst.FailuresCarriedOver, policy.Budget.LockingFailure - burst.BudgetSpent)), run.GuessesChecked);
        Assert.Equal(1, run.LocksAnnounced);
    }

    /// <summary>
    /// Why the surplus checks of a burst cannot win: accepting a code is a conditional write that fails once the
    /// account is locked. The right code reads the entry before the lock and is verified, but its write is held until
    /// six wrong guesses have locked the account; it is then refused, and nothing is minted.
    /// </summary>
    [Fact]
    public async Task RightCodeVerifiedBeforeTheLockButWrittenAfterItIsRefused()
    {
        var gate = new HeldTimeStepWrites();
        using var rig = await BrokerOnLocalAws.StartAsync(dynalite, "brute-gate", LockoutPolicy.Default, gate.Wrap);
        var alice = await rig.EnrollAsync("alice");

        var rightCode = rig.AskAsync("alice", rig.CodeNow(alice));
        await gate.Held.WaitAsync(TimeSpan.FromSeconds(30));
        var guesses = new WrongGuesses(alice);
        for (var i = 0; i < LockoutPolicy.Default.LockingFailure; i++) await rig.AskAsync("alice", guesses.Next(rig.Clock.GetUtcNow()));
        gate.Release();

        var refusal = Assert.IsType<RequestRefusal>(await rightCode.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal((RefusalReason.AuthenticationFailed, AuthenticationFailure.ReplayedCode), (refusal.Reason, refusal.Failure));
        Assert.Empty(rig.Sts.CallsTo(Sandbox.StandIns.StsStandIn.AssumeRole));
        var entry = await rig.Table.GetAsync(BrokerOnLocalAws.Account("alice"), CancellationToken.None);
        Assert.Null(entry!.LastAcceptedTimeStep);
        Assert.True(entry.IsLockedAt(rig.Clock.GetUtcNow()));
    }
}
