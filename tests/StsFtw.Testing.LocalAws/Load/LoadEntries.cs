using System.Globalization;
using Amazon.DynamoDBv2.Model;
using StsFtw.Testing.Fixtures;
using A = StsFtw.Aws.DynamoDb.AuthTableAttributes;

namespace StsFtw.Testing.Load;

/// <summary>
/// Reads the load accounts' entries back, raw (GetItem) and through the real adapter, and checks that load changed
/// nothing but what the request path may change: <c>last_time_step</c>, <c>failed_attempts</c> and the failure budget's
/// <c>budget_failures</c> and <c>budget_window_start</c>.
/// </summary>
public static class LoadEntries
{
    private const int ReadConcurrency = 16;

    // The only attributes the request path writes (locked_until and consecutive_locks are only ever removed here: no
    // account may lock; write_token changes with every write, which is what makes the SDK's retries safe; the budget
    // counts every failure, which the workload makes by design).
    private static readonly HashSet<string> RequestPathAttributes = new(StringComparer.Ordinal)
    {
        A.LastTimeStep, A.FailedAttempts, A.LockedUntil, A.ConsecutiveLocks, A.WriteToken, A.BudgetFailures, A.BudgetWindowStart,
    };

    /// <summary>Every account's item as DynamoDB holds it (consistent reads).</summary>
    public static async Task<IReadOnlyDictionary<string, Dictionary<string, AttributeValue>>> SnapshotAsync(
        LoadRig rig, IReadOnlyList<LoadAccount> accounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(accounts);
        var items = new Dictionary<string, AttributeValue>[accounts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var response = await rig.Dynalite.Client.GetItemAsync(new GetItemRequest
                {
                    TableName = rig.TableName,
                    Key = KeyOf(accounts[i]),
                    ConsistentRead = true,
                }, ct).ConfigureAwait(false);
                items[i] = response.Item ?? new Dictionary<string, AttributeValue>();
            }).ConfigureAwait(false);
        return accounts.Select((a, i) => (a.Name, Item: items[i])).ToDictionary(p => p.Name, p => p.Item, StringComparer.Ordinal);
    }

    /// <summary>
    /// Checks every entry against the ledger and against <paramref name="before"/>; with <paramref name="throughAdapter"/>
    /// also reads it through <see cref="AuthTableStores"/> and decrypts its secret. Returns one line per broken rule.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(
        LoadRig rig, IReadOnlyList<LoadAccount> accounts, LoadLedger ledger,
        IReadOnlyDictionary<string, Dictionary<string, AttributeValue>> before, bool throughAdapter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(before);
        var after = await SnapshotAsync(rig, accounts, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        foreach (var account in accounts)
        {
            var item = after[account.Name];
            if (item.Count == 0)
            {
                problems.Add($"{account.Name}: the entry is gone.");
                continue;
            }
            problems.AddRange(Unchanged(account.Name, before[account.Name], item));

            var accepted = ledger.AcceptedSteps(account);
            long? expectedStep = accepted.Count == 0 ? null : accepted[^1];
            var storedStep = NumberOf(item, A.LastTimeStep);
            if (storedStep != expectedStep) problems.Add($"{account.Name}: last_time_step is {storedStep?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, expected {expectedStep}.");
            var storedFailures = NumberOf(item, A.FailedAttempts) ?? 0;
            if (storedFailures != ledger.ExpectedFailures(account)) problems.Add($"{account.Name}: failed_attempts is {storedFailures}, expected {ledger.ExpectedFailures(account)}.");
            if (item.ContainsKey(A.LockedUntil)) problems.Add($"{account.Name}: locked_until is set.");
            if (item.ContainsKey(A.ConsecutiveLocks)) problems.Add($"{account.Name}: consecutive_locks is set.");
        }

        if (throughAdapter)
        {
            foreach (var account in accounts) problems.AddRange(await CheckThroughAdapterAsync(rig, account, ledger, cancellationToken).ConfigureAwait(false));
        }
        return problems;
    }

    private static async Task<IEnumerable<string>> CheckThroughAdapterAsync(LoadRig rig, LoadAccount account, LoadLedger ledger, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var entry = await rig.Table.GetAsync(account.Key, cancellationToken).ConfigureAwait(false);
        if (entry is null) return new[] { $"{account.Name}: the adapter finds no entry." };
        if (!entry.Roles.SequenceEqual(new[] { LoadRig.Role })) problems.Add($"{account.Name}: roles changed to [{string.Join(", ", entry.Roles)}].");
        if (entry.SecondaryAuthorizers.Count != 0) problems.Add($"{account.Name}: co-signers appeared.");
        var accepted = ledger.AcceptedSteps(account);
        if (entry.LastAcceptedTimeStep != (accepted.Count == 0 ? null : accepted[^1])) problems.Add($"{account.Name}: the adapter reads another last step.");
        if (entry.ConsecutiveFailures != ledger.ExpectedFailures(account)) problems.Add($"{account.Name}: the adapter reads another failure count.");
        if (entry.LockedUntil is not null) problems.Add($"{account.Name}: the adapter reads a lock.");
        var secret = await rig.Protector.RevealAsync(account.Key, entry.Secret, cancellationToken).ConfigureAwait(false);
        if (secret is null || secret.ToBase32() != account.Secret.ToBase32()) problems.Add($"{account.Name}: the stored secret no longer decrypts to the enrolled one.");
        return problems;
    }

    private static IEnumerable<string> Unchanged(string name, Dictionary<string, AttributeValue> before, Dictionary<string, AttributeValue> after)
    {
        foreach (var attribute in before.Keys.Union(after.Keys).Where(a => !RequestPathAttributes.Contains(a)).OrderBy(a => a, StringComparer.Ordinal))
        {
            var was = before.TryGetValue(attribute, out var b) ? Describe(b) : "absent";
            var now = after.TryGetValue(attribute, out var a) ? Describe(a) : "absent";
            if (was != now) yield return $"{name}: attribute '{attribute}' changed.";
        }
    }

    private static Dictionary<string, AttributeValue> KeyOf(LoadAccount account) => new(StringComparer.Ordinal)
    {
        [A.Issuer] = new AttributeValue { S = account.Key.Issuer },
        [A.AccountName] = new AttributeValue { S = account.Key.AccountName },
    };

    private static long? NumberOf(Dictionary<string, AttributeValue> item, string attribute) =>
        item.TryGetValue(attribute, out var value) && value.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : null;

    // A canonical text of a value, enough to compare two reads of one item.
    private static string Describe(AttributeValue value) =>
        value.S is not null ? "S:" + value.S
        : value.N is not null ? "N:" + value.N
        : value.B is not null ? "B:" + Convert.ToBase64String(value.B.ToArray())
        : value.L is { } list ? "L:[" + string.Join(",", list.Select(Describe)) + "]"
        : value.SS is { Count: > 0 } ss ? "SS:" + string.Join(",", ss.OrderBy(s => s, StringComparer.Ordinal))
        : value.M is { Count: > 0 } map ? "M:{" + string.Join(",", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + Describe(p.Value))) + "}"
        : value.NULL == true ? "NULL"
        : value.BOOL is { } flag ? "BOOL:" + flag
        : "?";
}
