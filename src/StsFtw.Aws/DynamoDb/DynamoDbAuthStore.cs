using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using A = StsFtw.Aws.DynamoDb.AuthTableAttributes;
using M = StsFtw.Aws.DynamoDb.AuthItemMapper;

namespace StsFtw.Aws.DynamoDb;

/// <summary>
/// The auth table on the request path (<see cref="IAuthStore"/>): reading entries, accepting a time step once, counting
/// failures and locking. What the broker's IAM policy allows, and nothing of the admin path.
/// </summary>
/// <remarks>
/// <para>
/// Reads are by key (GetItem / BatchGetItem, consistent reads, never Scan); every write is one conditional UpdateItem,
/// so replay protection and failure counting hold across Lambda instances. Recording the failure that reaches
/// <see cref="LockoutPolicy.LockingFailure"/> takes a second conditional write, which exactly one racing request wins;
/// that request alone reports <see cref="FailureRecord.LockedByThisFailure"/>. Between those two writes the count alone
/// keeps the account closed: a time step is accepted only while fewer failures than the lockout's locking number are
/// counted, so a right code racing a burst of wrong ones cannot slip in before the lock lands.
/// </para>
/// <para>
/// Every AWS or transport failure becomes a <see cref="Core.Dependencies.DependencyFailureException"/> for the auth
/// table; cancellation by the caller's token stays an <see cref="OperationCanceledException"/>. Bound each call's
/// duration with the client's configuration (<see cref="AuthTableClientFactory"/>) or the token.
/// </para>
/// </remarks>
public sealed class DynamoDbAuthStore : IAuthStore
{
    // BatchGetItem returns UnprocessedKeys when throttled; a few quick retries, then give up as a dependency failure.
    private const int MaxBatchGetAttempts = 4;

    private readonly AuthTableCalls _table;
    private readonly LockoutPolicy _lockout;

    /// <summary>Creates the store.</summary>
    /// <param name="client">The DynamoDB client (for example from <see cref="AuthTableClientFactory"/>); the caller owns it.</param>
    /// <param name="tableName">The auth table (see <see cref="AuthTableName.Check"/>).</param>
    /// <param name="lockout">
    /// The lockout the request path enforces (the broker's); its locking number closes <see cref="TryAcceptTimeStepAsync"/>
    /// as soon as that many failures are counted. Null for <see cref="LockoutPolicy.Default"/>.
    /// </param>
    public DynamoDbAuthStore(IAmazonDynamoDB client, string tableName, LockoutPolicy? lockout = null)
    {
        _table = new AuthTableCalls(client, tableName);
        _lockout = lockout ?? LockoutPolicy.Default;
    }

    /// <summary>The table this store reads and writes.</summary>
    public string TableName => _table.TableName;

    /// <inheritdoc />
    public async Task<EntryLookup> GetEntriesAsync(AccountKey primary, AccountKey? secondary, CancellationToken cancellationToken)
    {
        if (primary is null) throw new ArgumentNullException(nameof(primary));
        if (secondary is null || secondary == primary)
        {
            // BatchGetItem refuses duplicate keys; the same person named twice is one read.
            var entry = await _table.GetEntryAsync(primary, "reading an entry", cancellationToken).ConfigureAwait(false);
            return new EntryLookup(entry, secondary is null ? null : entry);
        }

        const string Operation = "reading two entries";
        var items = new List<Dictionary<string, AttributeValue>>();
        var request = new BatchGetItemRequest
        {
            RequestItems = new Dictionary<string, KeysAndAttributes>(StringComparer.Ordinal)
            {
                [_table.TableName] = new KeysAndAttributes { Keys = [M.ToKey(primary), M.ToKey(secondary)], ConsistentRead = true },
            },
        };
        for (var attempt = 1; ; attempt++)
        {
            var response = await _table.CallAsync(Operation, ct => _table.Client.BatchGetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
            if (response.Responses is not null && response.Responses.TryGetValue(_table.TableName, out var found) && found is not null)
            {
                items.AddRange(found);
            }
            if (response.UnprocessedKeys is null
                || !response.UnprocessedKeys.TryGetValue(_table.TableName, out var unprocessed)
                || unprocessed?.Keys is not { Count: > 0 })
            {
                break;
            }
            if (attempt >= MaxBatchGetAttempts)
            {
                throw _table.Failure($"left keys unprocessed (throttled) after {attempt} attempts while {Operation}");
            }
            await Task.Delay(_table.Backoff(attempt), cancellationToken).ConfigureAwait(false);
            request = new BatchGetItemRequest { RequestItems = response.UnprocessedKeys };
        }

        AuthEntry? primaryEntry = null, secondaryEntry = null;
        foreach (var item in items)
        {
            var entry = _table.Map(item, Operation);
            if (entry.Account == primary) primaryEntry = entry;
            else if (entry.Account == secondary) secondaryEntry = entry;
        }
        return new EntryLookup(primaryEntry, secondaryEntry);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Also refused while the count has reached the lockout's locking number: the failure that reached it is about to
    /// lock the account in a second write, and a code accepted in between would be a guess past the limit.
    /// The SDK retries a write whose answer was lost (timeout, dropped connection, 5xx). Had the first attempt applied,
    /// the retry would fail the replay condition and a good code would be refused as its own replay and counted as a
    /// failure; so the write carries a fresh <see cref="AuthTableAttributes.WriteToken"/> and its condition also passes
    /// when the item already holds that token. Re-applying the same SET is harmless.
    /// </remarks>
    public async Task<bool> TryAcceptTimeStepAsync(AccountKey account, long timeStep, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (timeStep < 0) throw new ArgumentOutOfRangeException(nameof(timeStep), timeStep, "A time step is never negative.");
        const string Operation = "accepting a time step";
        var request = new UpdateItemRequest
        {
            TableName = _table.TableName,
            Key = M.ToKey(account),
            // The lock level goes (a success shows the owner); the failure budget stays (SECURITY.md rule 3).
            UpdateExpression = "SET #step = :step, #failed = :zero, #token = :token REMOVE #locked, #locks",
            // AND binds tighter than OR, so this reads "(exists AND newer AND unlocked AND under the limit AND budget not
            // spent) OR own retry" (a token can only be on an item that exists). Written without the outer parentheses
            // because dynalite's parser takes several times longer on them, which made it the bottleneck of every test under load.
            ConditionExpression = "attribute_exists(#issuer) AND (attribute_not_exists(#step) OR #step < :step) "
                + "AND (attribute_not_exists(#locked) OR #locked <= :now) AND (attribute_not_exists(#failed) OR #failed < :locking) "
                + "AND (attribute_not_exists(#spent) OR #spent < :spending OR #opened <= :closed) "
                + "OR #token = :token",
            ExpressionAttributeNames = AuthTableCalls.Names(("#issuer", A.Issuer), ("#step", A.LastTimeStep), ("#failed", A.FailedAttempts), ("#locked", A.LockedUntil),
                ("#locks", A.ConsecutiveLocks), ("#token", A.WriteToken), ("#spent", A.BudgetFailures), ("#opened", A.BudgetWindowStart)),
            ExpressionAttributeValues = AuthTableCalls.Values(
                (":step", M.Number(timeStep)), (":zero", M.Number(0)), (":now", M.Number(now.ToUnixTimeSeconds())), (":locking", M.Number(_lockout.LockingFailure)),
                (":spending", M.Number(_lockout.Budget.LockingFailure)), (":closed", M.Number(WindowClosedBy(now, _lockout.Budget))),
                (":token", NewWriteToken())),
            ReturnValues = ReturnValue.NONE,
        };
        try
        {
            await _table.CallAsync(Operation, ct => _table.Client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <para>One conditional write counts the failure in both counts; it refuses to count while the account is locked
    /// and picks one of two forms: go on counting in the open window (or open the first), or open a new window over one
    /// that has closed. <paramref name="seen"/> picks the form, so an enrolled account costs one write like an unknown
    /// one; when the form was wrong (the window changed since the read, or no read was made) the write fails its
    /// condition and the other form is tried. Only racing requests on one account pay that second write, and racing is
    /// what a lock already gives away (SECURITY.md, "Tell enrolled accounts from unknown ones").</para>
    /// <para>The lock write starts the consecutive count again at 0: the failures that led to the lock are spent on it.
    /// Failures that raced with it and land after the lock write are not counted (the account is locked).</para>
    /// </remarks>
    public async Task<FailureRecord> RecordFailureAsync(AccountKey account, AuthEntry? seen, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (policy is null) throw new ArgumentNullException(nameof(policy));
        const string Operation = "recording a failed attempt";

        // An increment is not idempotent: the token condition stops an SDK retry from counting one failure twice. That
        // retry then fails its condition; DynamoDB returns the item (ALL_OLD), whose token shows the count had landed.
        var countToken = NewWriteToken();
        var reopen = seen?.BudgetWindowStart is { } opened && !policy.Budget.IsOpen(opened, now);
        AuthEntry? counted = null;
        for (var form = 0; form < 3 && counted is null; form++)
        {
            try
            {
                var response = await _table.CallAsync(Operation, ct => _table.Client.UpdateItemAsync(CountRequest(account, reopen, now, policy.Budget, countToken), ct),
                    cancellationToken).ConfigureAwait(false);
                counted = _table.Map(response.Attributes, Operation);
            }
            catch (ConditionalCheckFailedException e)
            {
                if (IsOwnWrite(e.Item, countToken))
                {
                    counted = _table.Map(e.Item, Operation);
                }
                else if (e.Item is { Count: > 0 } current)
                {
                    var entry = _table.Map(current, Operation);
                    if (entry.IsLockedAt(now)) return NotCounted(entry);
                    reopen = entry.BudgetWindowStart is { } start && !policy.Budget.IsOpen(start, now);
                }
                else if (seen is null || form > 0)
                {
                    // No such item. (Servers that return no item on a failed condition land here too when neither form
                    // fits because a lock landed meanwhile: nothing is counted either way.)
                    return FailureRecord.NotEnrolled;
                }
                else
                {
                    reopen = !reopen;
                }
            }
        }
        if (counted is null) return new FailureRecord(true, 0, null, false) { Counted = false };

        var verdict = policy.LockAfter(counted, now);
        var record = new FailureRecord(true, counted.ConsecutiveFailures, counted.IsLockedAt(now) ? counted.LockedUntil : null, false)
        {
            WindowFailures = counted.BudgetFailures,
            WindowStart = counted.BudgetWindowStart,
        };
        if (verdict is null) return record;

        var lockToken = NewWriteToken();
        var lockRequest = LockRequest(account, counted, verdict, now, policy, lockToken);
        try
        {
            var locked = await _table.CallAsync("locking an account", ct => _table.Client.UpdateItemAsync(lockRequest, ct), cancellationToken).ConfigureAwait(false);
            var entry = _table.Map(locked.Attributes, Operation);
            return record with { ConsecutiveFailures = entry.ConsecutiveFailures, LockedUntil = entry.LockedUntil, LockedByThisFailure = true, LockCause = verdict.Cause };
        }
        catch (ConditionalCheckFailedException e)
        {
            if (IsOwnWrite(e.Item, lockToken))
            {
                // This request's own lock landed on an attempt whose answer was lost: it locked, so it announces.
                var own = _table.Map(e.Item, Operation);
                return record with { ConsecutiveFailures = own.ConsecutiveFailures, LockedUntil = own.LockedUntil, LockedByThisFailure = true, LockCause = verdict.Cause };
            }
            // A racing request set the lock first (DynamoDB returns the item it saw; local servers may not).
            if (e.Item is { Count: > 0 } seenByLock)
            {
                var entry = _table.Map(seenByLock, Operation);
                return record with { ConsecutiveFailures = entry.ConsecutiveFailures, LockedUntil = entry.IsLockedAt(now) ? entry.LockedUntil : null };
            }
            return record;
        }
    }

    // Counts one failure in both counts unless the account is locked. The usual form goes on counting in the open window
    // (or opens the first: if_not_exists); the reopening form replaces a window that has closed. Each form's condition
    // holds only where it fits, so of two racing requests that both reopen, one reopens and the other counts in the new window.
    private UpdateItemRequest CountRequest(AccountKey account, bool reopen, DateTimeOffset now, FailureBudget budget, AttributeValue token) => new()
    {
        TableName = _table.TableName,
        Key = M.ToKey(account),
        UpdateExpression = reopen
            ? "SET #failed = if_not_exists(#failed, :zero) + :one, #spent = :one, #opened = :now, #token = :token"
            : "SET #failed = if_not_exists(#failed, :zero) + :one, #spent = if_not_exists(#spent, :zero) + :one, #opened = if_not_exists(#opened, :now), #token = :token",
        ConditionExpression = "attribute_exists(#issuer) AND (attribute_not_exists(#locked) OR #locked <= :now) AND "
            + (reopen ? "#opened <= :closed" : "(attribute_not_exists(#opened) OR #opened > :closed)")
            + " AND (attribute_not_exists(#token) OR #token <> :token)",
        ExpressionAttributeNames = AuthTableCalls.Names(("#issuer", A.Issuer), ("#failed", A.FailedAttempts), ("#locked", A.LockedUntil),
            ("#spent", A.BudgetFailures), ("#opened", A.BudgetWindowStart), ("#token", A.WriteToken)),
        ExpressionAttributeValues = AuthTableCalls.Values((":zero", M.Number(0)), (":one", M.Number(1)), (":now", M.Number(now.ToUnixTimeSeconds())),
            (":closed", M.Number(WindowClosedBy(now, budget))), (":token", token)),
        ReturnValues = ReturnValue.ALL_NEW,
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    // Sets the verdict's lock once: only while no lock is in force and the count that called for it still stands, so of
    // racing requests exactly one locks (and announces).
    private UpdateItemRequest LockRequest(AccountKey account, AuthEntry counted, LockVerdict verdict, DateTimeOffset now, LockoutPolicy policy, AttributeValue token) => new()
    {
        TableName = _table.TableName,
        Key = M.ToKey(account),
        UpdateExpression = "SET #locked = :until, #failed = :zero, #locks = :locks, #token = :token",
        ConditionExpression = "(attribute_not_exists(#locked) OR #locked <= :now) AND (#failed >= :threshold OR (#spent >= :spending AND #opened = :opened))",
        ExpressionAttributeNames = AuthTableCalls.Names(("#failed", A.FailedAttempts), ("#locked", A.LockedUntil), ("#locks", A.ConsecutiveLocks),
            ("#spent", A.BudgetFailures), ("#opened", A.BudgetWindowStart), ("#token", A.WriteToken)),
        ExpressionAttributeValues = AuthTableCalls.Values(
            (":until", M.Number(CeilingToSeconds(verdict.Until).ToUnixTimeSeconds())), (":threshold", M.Number(policy.LockingFailure)),
            (":spending", M.Number(policy.Budget.LockingFailure)), (":opened", M.Number(counted.BudgetWindowStart?.ToUnixTimeSeconds() ?? -1)),
            (":now", M.Number(now.ToUnixTimeSeconds())), (":zero", M.Number(0)), (":locks", M.Number(verdict.Locks)), (":token", token)),
        ReturnValues = ReturnValue.ALL_NEW,
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    private static FailureRecord NotCounted(AuthEntry entry) => new(true, entry.ConsecutiveFailures, entry.LockedUntil, false) { Counted = false };

    // A window opened at or before this second has closed at now (open while opened + window > now, in whole seconds).
    private static long WindowClosedBy(DateTimeOffset now, FailureBudget budget) => now.ToUnixTimeSeconds() - (long)budget.Window.TotalSeconds;

    private static AttributeValue NewWriteToken() => new() { S = Guid.NewGuid().ToString("N") };

    // The item a failed condition returned (DynamoDB's ALL_OLD; empty when there is no item, or from servers that do not
    // return it) carries this write's token: an earlier attempt of the same write applied and only its answer was lost.
    // Deliberately no read when the item is missing, so unknown accounts cost the same round trips as known ones.
    private static bool IsOwnWrite(Dictionary<string, AttributeValue>? item, AttributeValue token) =>
        item is not null && item.TryGetValue(A.WriteToken, out var stored) && string.Equals(stored?.S, token.S, StringComparison.Ordinal);

    private static DateTimeOffset CeilingToSeconds(DateTimeOffset value)
    {
        var floor = DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
        return floor < value ? floor.AddSeconds(1) : floor;
    }
}
