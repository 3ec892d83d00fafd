using System.Diagnostics;
using StsFtw.Core.Broker;
using StsFtw.Core.Totp;

namespace StsFtw.Testing.BruteForce;

/// <summary>
/// An attacker with unlimited requests against one account, one request at a time, as fast as the broker lets it:
/// each request takes no simulated time, and a locked answer (429) moves the clock to the moment its
/// <c>RetryAfter</c> names. Every code is wrong (see <see cref="WrongGuesses"/>).
/// </summary>
public static class SequentialAttack
{
    /// <summary>Attacks <paramref name="victim"/> for <paramref name="period"/> of simulated time.</summary>
    public static async Task<BruteForceRun> RunAsync(
        BrokerOnLocalAws rig, string victim, TotpSecret victimSecret, TimeSpan period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var wall = Stopwatch.StartNew();
        var start = rig.Clock.GetUtcNow();
        var end = start + period;
        var guesses = new WrongGuesses(victimSecret);
        var checkedAt = new List<DateTimeOffset>();
        var unexpected = new List<BrokerOutcome>();
        var refusedWhileLocked = 0;
        var decryptsBefore = rig.CodesChecked;
        var locksBefore = rig.Audited("AccountLocked");

        while (rig.Clock.GetUtcNow() < end)
        {
            var now = rig.Clock.GetUtcNow();
            var outcome = await rig.AskAsync(victim, guesses.Next(now), cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case RequestRefusal { Reason: RefusalReason.AccountLocked, RetryAfter: { } wait } when wait > TimeSpan.Zero:
                    refusedWhileLocked++;
                    rig.Clock.Advance(wait);
                    break;
                case RequestRefusal { Reason: RefusalReason.AuthenticationFailed, Failure: AuthenticationFailure.WrongCode }:
                    checkedAt.Add(now);
                    break;
                default:
                    unexpected.Add(outcome);
                    if (unexpected.Count > 10) return Finish();
                    break;
            }
        }
        return Finish();

        BruteForceRun Finish() => new(
            rig.Policy, rig.Clock.GetUtcNow() - start, checkedAt, rig.CodesChecked - decryptsBefore, refusedWhileLocked,
            rig.Audited("AccountLocked") - locksBefore, unexpected, wall.Elapsed);
    }
}

/// <summary>What a sequential attack achieved.</summary>
/// <param name="Policy">The lockout policy attacked.</param>
/// <param name="Simulated">Simulated time the attack ran.</param>
/// <param name="CheckedAt">When each guess the broker checked (a 401 for a wrong code) was made.</param>
/// <param name="CodesDecrypted">KMS Decrypt calls during the attack: codes checked, counted by the KMS stand-in.</param>
/// <param name="RefusedWhileLocked">Requests answered "locked" (429) without their code being looked at.</param>
/// <param name="LocksAnnounced"><c>AccountLocked</c> messages on the audit topic.</param>
/// <param name="Unexpected">Any other answer (a mint would be a break-in; an outage would spoil the figure).</param>
/// <param name="WallTime">Real time the simulation took.</param>
public sealed record BruteForceRun(
    Core.Enrollment.LockoutPolicy Policy, TimeSpan Simulated, IReadOnlyList<DateTimeOffset> CheckedAt, int CodesDecrypted, int RefusedWhileLocked,
    int LocksAnnounced, IReadOnlyList<BrokerOutcome> Unexpected, TimeSpan WallTime)
{
    /// <summary>Guesses the broker checked.</summary>
    public int GuessesChecked => CheckedAt.Count;

    /// <summary>Checked guesses per simulated hour.</summary>
    public double GuessesPerHour => GuessesChecked / Simulated.TotalHours;

    /// <summary>The most guesses checked within any window as long as one lock (half-open, sliding).</summary>
    public int MostCheckedInAnyLockPeriod
    {
        get
        {
            var most = 0;
            for (int first = 0, last = 0; last < CheckedAt.Count; last++)
            {
                while (CheckedAt[last] - CheckedAt[first] >= Policy.Duration) first++;
                most = Math.Max(most, last - first + 1);
            }
            return most;
        }
    }
}
