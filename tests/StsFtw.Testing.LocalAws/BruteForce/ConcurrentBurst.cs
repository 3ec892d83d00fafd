using StsFtw.Core.Broker;
using StsFtw.Core.Totp;

namespace StsFtw.Testing.BruteForce;

/// <summary>
/// Many guesses on one account released at the same moment, to race the failure counter: how many does the broker
/// check before the lock bites? Optionally one of them is the right code, to see whether it can still win.
/// </summary>
public static class ConcurrentBurst
{
    /// <summary>Sends <paramref name="size"/> guesses at once; the one at <paramref name="correctAt"/> (if any) is the phone's code.</summary>
    public static async Task<BurstResult> RunAsync(
        BrokerOnLocalAws rig, string victim, TotpSecret victimSecret, int size, int? correctAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var now = rig.Clock.GetUtcNow();
        var guesses = new WrongGuesses(victimSecret);
        var codes = Enumerable.Range(0, size).Select(_ => guesses.Next(now)).ToArray();
        if (correctAt is { } index) codes[index] = rig.CodeNow(victimSecret);
        var decryptsBefore = rig.CodesChecked;
        var locksBefore = rig.Audited("AccountLocked");

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = codes.Select(code => Task.Run(async () =>
        {
            await go.Task.ConfigureAwait(false);
            return await rig.AskAsync(victim, code, cancellationToken).ConfigureAwait(false);
        }, cancellationToken)).ToArray();
        go.SetResult();
        var outcomes = await Task.WhenAll(requests).ConfigureAwait(false);

        var entry = await rig.Table.GetAsync(BrokerOnLocalAws.Account(victim), cancellationToken).ConfigureAwait(false);
        return new BurstResult(
            size,
            Checked: outcomes.Count(o => o is CredentialsIssued or RequestRefusal { Reason: RefusalReason.AuthenticationFailed }),
            RefusedAsLocked: outcomes.Count(o => o is RequestRefusal { Reason: RefusalReason.AccountLocked }),
            Issued: outcomes.Count(o => o is CredentialsIssued),
            CodesDecrypted: rig.CodesChecked - decryptsBefore,
            LocksAnnounced: rig.Audited("AccountLocked") - locksBefore,
            FailuresCarriedOver: entry?.ConsecutiveFailures ?? -1,
            BudgetSpent: entry?.BudgetFailures ?? -1,
            LockedUntil: entry?.LockedUntil,
            CorrectCodeWon: correctAt is { } k && outcomes[k] is CredentialsIssued);
    }
}

/// <summary>What one burst did.</summary>
/// <param name="Size">Guesses sent at once.</param>
/// <param name="Checked">Guesses whose code the broker looked at (401, or a mint).</param>
/// <param name="RefusedAsLocked">Guesses refused as locked (429) without looking at the code.</param>
/// <param name="Issued">Mints (only possible for the right code).</param>
/// <param name="CodesDecrypted">KMS Decrypt calls: codes checked, as the KMS stand-in counted them.</param>
/// <param name="LocksAnnounced"><c>AccountLocked</c> messages on the audit topic.</param>
/// <param name="FailuresCarriedOver">
/// The entry's consecutive failure count afterwards. Failures that land after the lock write are not counted
/// (SECURITY.md rule 3), so this is 0 unless a failure raced between the count and the lock writes.
/// </param>
/// <param name="BudgetSpent">The failures the burst counted in the failure budget's window (all that landed before the lock).</param>
/// <param name="LockedUntil">The lock the burst left.</param>
/// <param name="CorrectCodeWon">Whether the right code, when one was sent, got credentials.</param>
public sealed record BurstResult(
    int Size, int Checked, int RefusedAsLocked, int Issued, int CodesDecrypted, int LocksAnnounced, int FailuresCarriedOver,
    int BudgetSpent, DateTimeOffset? LockedUntil, bool CorrectCodeWon);
