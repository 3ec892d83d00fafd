namespace StsFtw.Testing.Load;

/// <summary>Builds the two batches of a round in a seeded random order.</summary>
public sealed class LoadWorkload(IReadOnlyList<LoadAccount> accounts, LoadShape shape)
{
    private readonly Random _random = new(shape.Seed);

    /// <summary>Every account's code for <paramref name="timeStep"/>, some of them twice.</summary>
    public IReadOnlyList<LoadRequest> FreshBatch(int round, long timeStep)
    {
        var batch = accounts.Select(a => new LoadRequest(a, a.CodeAt(timeStep), timeStep, LoadRequestKind.Fresh, round)).ToList();
        foreach (var account in Pick(accounts, shape.DuplicatesPerRound))
        {
            batch.Add(new LoadRequest(account, account.CodeAt(timeStep), timeStep, LoadRequestKind.Duplicate, round));
        }
        return Shuffled(batch);
    }

    /// <summary>Replays of codes the ledger saw accepted, at most <see cref="LoadShape.MaxReplaysPerAccount"/> per account.</summary>
    public IReadOnlyList<LoadRequest> ReplayBatch(int round, LoadLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var slots = accounts.Where(a => ledger.AcceptedSteps(a).Count > 0)
            .SelectMany(a => Enumerable.Repeat(a, shape.MaxReplaysPerAccount)).ToList();
        var batch = new List<LoadRequest>();
        foreach (var account in Pick(slots, shape.ReplaysPerRound))
        {
            var accepted = ledger.AcceptedSteps(account);
            // Half the replays are the code just accepted (it still verifies, so only the replay rule stops it),
            // the rest an older accepted code.
            var step = _random.Next(2) == 0 ? accepted[^1] : accepted[_random.Next(accepted.Count)];
            batch.Add(new LoadRequest(account, account.CodeAt(step), step, LoadRequestKind.Replay, round));
        }
        return Shuffled(batch);
    }

    private List<T> Pick<T>(IReadOnlyList<T> from, int count)
    {
        if (count > from.Count) throw new InvalidOperationException($"Cannot pick {count} of {from.Count}.");
        return Shuffled(from.ToList()).Take(count).ToList();
    }

    private List<T> Shuffled<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }
}
