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
            UpdateExpression = "SET #step = :step, #failed = :zero, #token = :token REMOVE #locked, #locks",
            // AND binds tighter than OR, so this reads "(exists AND newer AND unlocked AND under the limit) OR own retry"
            // (a token can only be on an item that exists). Written without the outer parentheses because dynalite's
            // parser takes several times longer on them, which made it the bottleneck of every test under load.
            ConditionExpression = "attribute_exists(#issuer) AND (attribute_not_exists(#step) OR #step < :step) "
                + "AND (attribute_not_exists(#locked) OR #locked <= :now) AND (attribute_not_exists(#failed) OR #failed < :locking) "
                + "OR #token = :token",
            ExpressionAttributeNames = AuthTableCalls.Names(("#issuer", A.Issuer), ("#step", A.LastTimeStep), ("#failed", A.FailedAttempts), ("#locked", A.LockedUntil),
                ("#locks", A.ConsecutiveLocks), ("#token", A.WriteToken)),
            ExpressionAttributeValues = AuthTableCalls.Values(
                (":step", M.Number(timeStep)), (":zero", M.Number(0)), (":now", M.Number(now.ToUnixTimeSeconds())), (":locking", M.Number(_lockout.LockingFailure)),
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
    /// The lock write starts the count again at 0: the failures that led to the lock are spent on it. Failures that raced
    /// with it and land after the lock write count towards the next period. (Carrying the surplus over instead would
    /// keep the owner out after the lock ends, because the count alone refuses codes; see <see cref="TryAcceptTimeStepAsync"/>.)
    /// </remarks>
    public async Task<FailureRecord> RecordFailureAsync(AccountKey account, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (policy is null) throw new ArgumentNullException(nameof(policy));
        const string Operation = "recording a failed attempt";
        var nowSeconds = now.ToUnixTimeSeconds();

        // An increment is not idempotent: the token condition stops an SDK retry from counting one failure twice. That
        // retry then fails its condition; DynamoDB returns the item (ALL_OLD), whose token shows the count had landed.
        var countToken = NewWriteToken();
        var count = new UpdateItemRequest
        {
            TableName = _table.TableName,
            Key = M.ToKey(account),
            UpdateExpression = "SET #failed = if_not_exists(#failed, :zero) + :one, #token = :token",
            ConditionExpression = "attribute_exists(#issuer) AND (attribute_not_exists(#token) OR #token <> :token)",
            ExpressionAttributeNames = AuthTableCalls.Names(("#issuer", A.Issuer), ("#failed", A.FailedAttempts), ("#token", A.WriteToken)),
            ExpressionAttributeValues = AuthTableCalls.Values((":zero", M.Number(0)), (":one", M.Number(1)), (":token", countToken)),
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        AuthEntry counted;
        try
        {
            var response = await _table.CallAsync(Operation, ct => _table.Client.UpdateItemAsync(count, ct), cancellationToken).ConfigureAwait(false);
            counted = _table.Map(response.Attributes, Operation);
        }
        catch (ConditionalCheckFailedException e)
        {
            if (!IsOwnWrite(e.Item, countToken)) return FailureRecord.NotEnrolled;
            counted = _table.Map(e.Item, Operation);
        }

        if (counted.IsLockedAt(now)) return new FailureRecord(true, counted.ConsecutiveFailures, counted.LockedUntil, false);
        if (counted.ConsecutiveFailures < policy.LockingFailure) return new FailureRecord(true, counted.ConsecutiveFailures, null, false);

        var until = CeilingToSeconds(now + policy.LockDuration(counted.ConsecutiveLocks));
        var lockToken = NewWriteToken();
        var lockRequest = new UpdateItemRequest
        {
            TableName = _table.TableName,
            Key = M.ToKey(account),
            UpdateExpression = "SET #locked = :until, #failed = :zero, #locks = if_not_exists(#locks, :zero) + :one, #token = :token",
            ConditionExpression = "#failed >= :threshold AND (attribute_not_exists(#locked) OR #locked <= :now)",
            ExpressionAttributeNames = AuthTableCalls.Names(("#failed", A.FailedAttempts), ("#locked", A.LockedUntil), ("#locks", A.ConsecutiveLocks), ("#token", A.WriteToken)),
            ExpressionAttributeValues = AuthTableCalls.Values(
                (":until", M.Number(until.ToUnixTimeSeconds())), (":threshold", M.Number(policy.LockingFailure)), (":now", M.Number(nowSeconds)),
                (":zero", M.Number(0)), (":one", M.Number(1)), (":token", lockToken)),
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            var locked = await _table.CallAsync("locking an account", ct => _table.Client.UpdateItemAsync(lockRequest, ct), cancellationToken).ConfigureAwait(false);
            var entry = _table.Map(locked.Attributes, Operation);
            return new FailureRecord(true, entry.ConsecutiveFailures, entry.LockedUntil, true);
        }
        catch (ConditionalCheckFailedException e)
        {
            if (IsOwnWrite(e.Item, lockToken))
            {
                // This request's own lock landed on an attempt whose answer was lost: it locked, so it announces.
                var own = _table.Map(e.Item, Operation);
                return new FailureRecord(true, own.ConsecutiveFailures, own.LockedUntil, true);
            }
            // A racing request set the lock first (DynamoDB returns the item it saw; local servers may not).
            if (e.Item is { Count: > 0 } seen)
            {
                var entry = _table.Map(seen, Operation);
                return new FailureRecord(true, entry.ConsecutiveFailures, entry.IsLockedAt(now) ? entry.LockedUntil : null, false);
            }
            return new FailureRecord(true, counted.ConsecutiveFailures, null, false);
        }
    }

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
