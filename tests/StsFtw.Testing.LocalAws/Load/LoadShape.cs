namespace StsFtw.Testing.Load;

/// <summary>
/// The shape of a load run. Each round every account presents its phone's code for that round's time step once
/// (<see cref="DuplicatesPerRound"/> of them a second time, at once, to race); after those are answered,
/// <see cref="ReplaysPerRound"/> requests replay codes that were accepted earlier.
/// </summary>
/// <param name="Rounds">Rounds; each uses the next time step.</param>
/// <param name="DuplicatesPerRound">Fresh codes sent twice at once (at most one extra copy per account).</param>
/// <param name="ReplaysPerRound">Replays of accepted codes, after the fresh codes of the round were answered.</param>
/// <param name="MaxReplaysPerAccount">Replays one account gets per round at most.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="Seed">Seeds the choice and order of requests, so a failing run can be repeated.</param>
/// <param name="VerifyEntriesEveryRound">Reads every entry back after each round, not only at the end.</param>
public sealed record LoadShape(
    int Rounds, int DuplicatesPerRound, int ReplaysPerRound, int MaxReplaysPerAccount = 2, int Concurrency = 64, int Seed = 6,
    bool VerifyEntriesEveryRound = false)
{
    /// <summary>Requests the run sends for <paramref name="accounts"/> accounts.</summary>
    public int RequestsFor(int accounts) => Rounds * (accounts + DuplicatesPerRound + ReplaysPerRound);

    /// <summary>
    /// The most failures an account can collect between two of its successes: a lost race and the replays of one
    /// round. Kept below the lockout's locking failure so no account ever locks and every answer is known beforehand.
    /// </summary>
    public int MostFailuresBetweenSuccesses => 1 + MaxReplaysPerAccount;

    /// <summary>Throws when the shape cannot be sent to <paramref name="accounts"/> accounts without locking one.</summary>
    public void CheckFits(int accounts, int lockingFailure, int budgetLockingFailure = int.MaxValue)
    {
        if (DuplicatesPerRound > accounts) throw new ArgumentException($"{DuplicatesPerRound} duplicates need as many accounts; there are {accounts}.");
        if (ReplaysPerRound > accounts * MaxReplaysPerAccount) throw new ArgumentException($"{ReplaysPerRound} replays exceed {MaxReplaysPerAccount} per account.");
        if (MostFailuresBetweenSuccesses >= lockingFailure)
        {
            throw new ArgumentException($"Up to {MostFailuresBetweenSuccesses} failures between successes would lock accounts (locking failure {lockingFailure}).");
        }
        if ((long)Rounds * MostFailuresBetweenSuccesses >= budgetLockingFailure)
        {
            throw new ArgumentException($"Up to {Rounds * MostFailuresBetweenSuccesses} failures per account would spend the failure budget (locking failure {budgetLockingFailure}).");
        }
    }
}
