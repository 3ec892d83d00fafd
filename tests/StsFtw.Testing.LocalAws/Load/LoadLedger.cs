namespace StsFtw.Testing.Load;

/// <summary>
/// Keeps the books of a load run: which code each account had accepted, how many failures its entry must hold now,
/// and every answer that broke a rule (a fresh code refused or accepted twice, a replay accepted, any status other
/// than 200 and 401).
/// </summary>
/// <remarks>
/// The failure count is exact, not a bound: a copy of a fresh code loses its race only because the winner's write
/// already landed, so its failure is counted after the success that reset the count; replays are sent only after the
/// round's fresh codes were answered.
/// </remarks>
public sealed class LoadLedger
{
    private readonly Dictionary<string, List<long>> _accepted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly List<LoadResult> _results = new();
    private readonly List<string> _violations = new();

    /// <summary>Every answer so far, batch after batch.</summary>
    public IReadOnlyList<LoadResult> Results => _results;

    /// <summary>Every broken rule, one line each.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Requests sent.</summary>
    public int Sent => _results.Count;

    /// <summary>Fresh codes sent (each once, some also duplicated).</summary>
    public int FreshCodes { get; private set; }

    /// <summary>Fresh codes that were accepted exactly once.</summary>
    public int FreshCodesAcceptedOnce { get; private set; }

    /// <summary>Fresh codes that no copy got accepted with.</summary>
    public int FreshCodesRefused { get; private set; }

    /// <summary>Fresh codes accepted more than once (the race lost its guard).</summary>
    public int FreshCodesAcceptedTwice { get; private set; }

    /// <summary>Second copies sent at the same time as the first.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Replays of accepted codes sent.</summary>
    public int Replays { get; private set; }

    /// <summary>Replays that were accepted: must stay 0.</summary>
    public int ReplaysAccepted { get; private set; }

    /// <summary>Answers by HTTP status.</summary>
    public IReadOnlyDictionary<int, int> ByStatus => _results.GroupBy(r => r.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>200 answers.</summary>
    public int Accepted => _results.Count(r => r.Status == 200);

    /// <summary>The steps an account had accepted, oldest first.</summary>
    public IReadOnlyList<long> AcceptedSteps(LoadAccount account) =>
        _accepted.TryGetValue(Name(account), out var steps) ? steps : Array.Empty<long>();

    /// <summary>The failure count the account's entry must hold now.</summary>
    public int ExpectedFailures(LoadAccount account) => _failures.GetValueOrDefault(Name(account));

    /// <summary>Books the answers to a batch of fresh codes (and their duplicates).</summary>
    public void RecordFresh(IReadOnlyList<LoadResult> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _results.AddRange(batch);
        Duplicates += batch.Count(r => r.Request.Kind == LoadRequestKind.Duplicate);
        foreach (var copies in batch.GroupBy(r => (Name(r.Request.Account), r.Request.TimeStep)))
        {
            FreshCodes++;
            var (name, step) = copies.Key;
            var wins = copies.Count(r => r.Status == 200);
            foreach (var odd in copies.Where(r => r.Status is not (200 or 401))) _violations.Add($"{name}: fresh code of step {step} answered {odd.Status}.");
            foreach (var bare in copies.Where(r => r.Status == 200 && !r.CarriedCredentials)) _violations.Add($"{name}: a 200 for step {step} carried no credentials.");
            switch (wins)
            {
                case 0:
                    FreshCodesRefused++;
                    _violations.Add($"{name}: the fresh code of step {step} was refused ({string.Join(", ", copies.Select(r => r.Status))}).");
                    break;
                case 1:
                    FreshCodesAcceptedOnce++;
                    if (!_accepted.TryGetValue(name, out var steps)) _accepted[name] = steps = new List<long>();
                    steps.Add(step);
                    _failures[name] = copies.Count() - 1;
                    break;
                default:
                    FreshCodesAcceptedTwice++;
                    _violations.Add($"{name}: the code of step {step} was accepted {wins} times.");
                    break;
            }
        }
    }

    /// <summary>Books the answers to a batch of replays: each must be a 401 and counts as one failure.</summary>
    public void RecordReplays(IReadOnlyList<LoadResult> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _results.AddRange(batch);
        foreach (var result in batch)
        {
            Replays++;
            var name = Name(result.Request.Account);
            if (result.Status == 200) ReplaysAccepted++;
            if (result.Status != 401) _violations.Add($"{name}: a replay of step {result.Request.TimeStep} answered {result.Status}.");
            _failures[name] = _failures.GetValueOrDefault(name) + 1;
        }
    }

    private static string Name(LoadAccount account) => account.Name;
}
