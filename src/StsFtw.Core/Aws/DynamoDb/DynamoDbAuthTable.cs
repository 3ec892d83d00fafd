using System.Globalization;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using A = StsFtw.Core.Aws.DynamoDb.AuthTableAttributes;
using M = StsFtw.Core.Aws.DynamoDb.AuthItemMapper;

namespace StsFtw.Core.Aws.DynamoDb;

/// <summary>
/// The auth table on DynamoDB (STSFTW's table format plus additive attributes, see <see cref="AuthTableAttributes"/>),
/// for the request path (<see cref="IAuthStore"/>) and the admin path (<see cref="IEnrollmentStore"/>).
/// </summary>
/// <remarks>
/// <para>
/// Request-path methods read by key (GetItem / BatchGetItem, consistent reads, never Scan) and write with one
/// conditional UpdateItem each, so replay protection and failure counting hold across Lambda instances.
/// Recording the failure that reaches <see cref="LockoutPolicy.LockingFailure"/> takes a second conditional write, which exactly one
/// racing request wins; that request alone reports <see cref="FailureRecord.LockedByThisFailure"/>. Between those two writes
/// the count alone keeps the account closed: a time step is accepted only while fewer failures than the lockout's locking
/// number are counted, so a right code racing a burst of wrong ones cannot slip in before the lock lands.
/// </para>
/// <para>
/// Every AWS or transport failure becomes a <see cref="DependencyFailureException"/> for
/// <see cref="Dependency.AuthTable"/>; cancellation by the caller's token stays an
/// <see cref="OperationCanceledException"/>. Bound each call's duration with the client's configuration
/// (<see cref="AuthTableClientFactory"/>) or the token: this type adds no timeout of its own.
/// </para>
/// </remarks>
public sealed class DynamoDbAuthTable : IAuthStore, IEnrollmentStore
{
    /// <summary>Largest page <see cref="ListAsync"/> accepts.</summary>
    public const int MaximumPageSize = 1000;

    // BatchGetItem returns UnprocessedKeys when throttled; a few quick retries, then give up as a dependency failure.
    private const int MaxBatchGetAttempts = 4;

    // Optimistic admin writes retry on conflict; with jittered backoff ten rounds absorb ten racing admins.
    private const int MaxConflictAttempts = 10;

    private readonly IAmazonDynamoDB _client;
    private readonly TimeProvider _timeProvider;
    private readonly LockoutPolicy _lockout;
    private readonly Random _jitter = new();

    /// <summary>Creates the adapter.</summary>
    /// <param name="client">The DynamoDB client (for example from <see cref="AuthTableClientFactory"/>); the caller owns it.</param>
    /// <param name="tableName">The auth table (DynamoDB rules: 3–255 of <c>[a-zA-Z0-9_.-]</c>).</param>
    /// <param name="timeProvider">The clock for the created/updated stamps; null for the system clock.</param>
    /// <param name="lockout">
    /// The lockout the request path enforces (the broker's <see cref="Broker.BrokerOptions.Lockout"/>); its locking number closes
    /// <see cref="TryAcceptTimeStepAsync"/> as soon as that many failures are counted. Null for <see cref="LockoutPolicy.Default"/>.
    /// </param>
    public DynamoDbAuthTable(IAmazonDynamoDB client, string tableName, TimeProvider? timeProvider = null, LockoutPolicy? lockout = null)
    {
        if (CheckTableName(tableName) is { } reason) throw new ArgumentException(reason, nameof(tableName));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        TableName = tableName;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _lockout = lockout ?? LockoutPolicy.Default;
    }

    /// <summary>The table this adapter reads and writes.</summary>
    public string TableName { get; }

    /// <summary>Null when <paramref name="value"/> is a valid DynamoDB table name, else the rule it breaks.</summary>
    public static string? CheckTableName(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "The table name is required.";
        if (value!.Length < 3 || value.Length > 255) return "The table name must be 3 to 255 characters long.";
        foreach (var c in value)
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
            if (!ok) return "The table name may contain only letters, digits, '_', '.' and '-'.";
        }
        return null;
    }

    // ---- Request path (IAuthStore) ----

    /// <inheritdoc />
    public async Task<EntryLookup> GetEntriesAsync(AccountKey primary, AccountKey? secondary, CancellationToken cancellationToken)
    {
        if (primary is null) throw new ArgumentNullException(nameof(primary));
        if (secondary is null || secondary == primary)
        {
            // BatchGetItem refuses duplicate keys; the same person named twice is one read.
            var entry = await GetEntryAsync(primary, "reading an entry", cancellationToken).ConfigureAwait(false);
            return new EntryLookup(entry, secondary is null ? null : entry);
        }

        const string Operation = "reading two entries";
        var items = new List<Dictionary<string, AttributeValue>>();
        var request = new BatchGetItemRequest
        {
            RequestItems = new Dictionary<string, KeysAndAttributes>(StringComparer.Ordinal)
            {
                [TableName] = new KeysAndAttributes { Keys = [M.ToKey(primary), M.ToKey(secondary)], ConsistentRead = true },
            },
        };
        for (var attempt = 1; ; attempt++)
        {
            var response = await CallAsync(Operation, ct => _client.BatchGetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
            if (response.Responses is not null && response.Responses.TryGetValue(TableName, out var found) && found is not null)
            {
                items.AddRange(found);
            }
            if (response.UnprocessedKeys is null
                || !response.UnprocessedKeys.TryGetValue(TableName, out var unprocessed)
                || unprocessed?.Keys is not { Count: > 0 })
            {
                break;
            }
            if (attempt >= MaxBatchGetAttempts)
            {
                throw new DependencyFailureException(Dependency.AuthTable,
                    $"The auth table '{TableName}' left keys unprocessed (throttled) after {attempt} attempts while {Operation}.");
            }
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            request = new BatchGetItemRequest { RequestItems = response.UnprocessedKeys };
        }

        AuthEntry? primaryEntry = null, secondaryEntry = null;
        foreach (var item in items)
        {
            var entry = Map(item, Operation);
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
            TableName = TableName,
            Key = M.ToKey(account),
            UpdateExpression = "SET #step = :step, #failed = :zero, #token = :token REMOVE #locked, #locks",
            // AND binds tighter than OR, so this reads "(exists AND newer AND unlocked AND under the limit) OR own retry"
            // (a token can only be on an item that exists). Written without the outer parentheses because dynalite's
            // parser takes several times longer on them, which made it the bottleneck of every test under load.
            ConditionExpression = "attribute_exists(#issuer) AND (attribute_not_exists(#step) OR #step < :step) "
                + "AND (attribute_not_exists(#locked) OR #locked <= :now) AND (attribute_not_exists(#failed) OR #failed < :locking) "
                + "OR #token = :token",
            ExpressionAttributeNames = Names(("#issuer", A.Issuer), ("#step", A.LastTimeStep), ("#failed", A.FailedAttempts), ("#locked", A.LockedUntil),
                ("#locks", A.ConsecutiveLocks), ("#token", A.WriteToken)),
            ExpressionAttributeValues = Values(
                (":step", M.Number(timeStep)), (":zero", M.Number(0)), (":now", M.Number(now.ToUnixTimeSeconds())), (":locking", M.Number(_lockout.LockingFailure)),
                (":token", NewWriteToken())),
            ReturnValues = ReturnValue.NONE,
        };
        try
        {
            await CallAsync(Operation, ct => _client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
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
            TableName = TableName,
            Key = M.ToKey(account),
            UpdateExpression = "SET #failed = if_not_exists(#failed, :zero) + :one, #token = :token",
            ConditionExpression = "attribute_exists(#issuer) AND (attribute_not_exists(#token) OR #token <> :token)",
            ExpressionAttributeNames = Names(("#issuer", A.Issuer), ("#failed", A.FailedAttempts), ("#token", A.WriteToken)),
            ExpressionAttributeValues = Values((":zero", M.Number(0)), (":one", M.Number(1)), (":token", countToken)),
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        AuthEntry counted;
        try
        {
            var response = await CallAsync(Operation, ct => _client.UpdateItemAsync(count, ct), cancellationToken).ConfigureAwait(false);
            counted = Map(response.Attributes, Operation);
        }
        catch (ConditionalCheckFailedException e)
        {
            if (!IsOwnWrite(e.Item, countToken)) return FailureRecord.NotEnrolled;
            counted = Map(e.Item, Operation);
        }

        if (counted.IsLockedAt(now)) return new FailureRecord(true, counted.ConsecutiveFailures, counted.LockedUntil, false);
        if (counted.ConsecutiveFailures < policy.LockingFailure) return new FailureRecord(true, counted.ConsecutiveFailures, null, false);

        var until = CeilingToSeconds(now + policy.LockDuration(counted.ConsecutiveLocks));
        var lockToken = NewWriteToken();
        var lockRequest = new UpdateItemRequest
        {
            TableName = TableName,
            Key = M.ToKey(account),
            UpdateExpression = "SET #locked = :until, #failed = :zero, #locks = if_not_exists(#locks, :zero) + :one, #token = :token",
            ConditionExpression = "#failed >= :threshold AND (attribute_not_exists(#locked) OR #locked <= :now)",
            ExpressionAttributeNames = Names(("#failed", A.FailedAttempts), ("#locked", A.LockedUntil), ("#locks", A.ConsecutiveLocks), ("#token", A.WriteToken)),
            ExpressionAttributeValues = Values(
                (":until", M.Number(until.ToUnixTimeSeconds())), (":threshold", M.Number(policy.LockingFailure)), (":now", M.Number(nowSeconds)),
                (":zero", M.Number(0)), (":one", M.Number(1)), (":token", lockToken)),
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            var locked = await CallAsync("locking an account", ct => _client.UpdateItemAsync(lockRequest, ct), cancellationToken).ConfigureAwait(false);
            var entry = Map(locked.Attributes, Operation);
            return new FailureRecord(true, entry.ConsecutiveFailures, entry.LockedUntil, true);
        }
        catch (ConditionalCheckFailedException e)
        {
            if (IsOwnWrite(e.Item, lockToken))
            {
                // This request's own lock landed on an attempt whose answer was lost: it locked, so it announces.
                var own = Map(e.Item, Operation);
                return new FailureRecord(true, own.ConsecutiveFailures, own.LockedUntil, true);
            }
            // A racing request set the lock first (DynamoDB returns the item it saw; local servers may not).
            if (e.Item is { Count: > 0 } seen)
            {
                var entry = Map(seen, Operation);
                return new FailureRecord(true, entry.ConsecutiveFailures, entry.IsLockedAt(now) ? entry.LockedUntil : null, false);
            }
            return new FailureRecord(true, counted.ConsecutiveFailures, null, false);
        }
    }

    // ---- Admin path (IEnrollmentStore) ----

    /// <inheritdoc />
    /// <remarks>
    /// A new entry starts at revision 1; an overwrite continues the old entry's revision, so an admin change that read
    /// the old entry cannot land on the new one.
    /// </remarks>
    public async Task CreateAsync(AuthEntry entry, bool overwrite, CancellationToken cancellationToken)
    {
        if (entry is null) throw new ArgumentNullException(nameof(entry));
        if (entry.Secret.IsEmpty) throw new ArgumentException("An entry needs a TOTP secret (a ciphertext or an otpauth URI).", nameof(entry));
        const string Operation = "enrolling an account";
        if (!overwrite)
        {
            var request = new PutItemRequest
            {
                TableName = TableName,
                Item = M.ToItem(entry, Now(), 1),
                ConditionExpression = "attribute_not_exists(#issuer)",
                ExpressionAttributeNames = Names(("#issuer", A.Issuer)),
            };
            try
            {
                await CallAsync(Operation, ct => _client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConditionalCheckFailedException)
            {
                // The SDK retries a put whose answer was lost; if the first attempt applied, the retry finds this very
                // item (its fresh ciphertext and stamps make it unique). The table then holds exactly what was asked
                // for, so that is success, not someone else's entry.
                var existing = await GetItemAsync(entry.Account, Operation, null, null, cancellationToken).ConfigureAwait(false);
                if (existing is not null && SameItem(existing, request.Item)) return;
                throw new EnrollmentExistsException(entry.Account);
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            var existing = await GetItemAsync(entry.Account, Operation, "#issuer, #rev", Names(("#issuer", A.Issuer), ("#rev", A.Revision)), cancellationToken)
                .ConfigureAwait(false);
            var revision = existing is null ? null : ReadRevision(existing, Operation);
            var names = Names();
            var values = Values();
            GuardRevision(names, values, existing is not null, revision, out var condition);
            var request = new PutItemRequest
            {
                TableName = TableName,
                Item = M.ToItem(entry, Now(), (revision ?? 0) + 1),
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values.Count == 0 ? null : values,
            };
            try
            {
                await CallAsync(Operation, ct => _client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConditionalCheckFailedException)
            {
                await ConflictBackoffAsync(attempt, Operation, entry.Account, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public Task<AuthEntry?> GetAsync(AccountKey account, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        return GetEntryAsync(account, "reading an entry", cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1..<see cref="MaximumPageSize"/>.</exception>
    /// <exception cref="ArgumentException">The continuation token is malformed or belongs to another issuer.</exception>
    public async Task<EnrollmentPage> ListAsync(string? issuer, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (pageSize < 1 || pageSize > MaximumPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"The page size must be between 1 and {MaximumPageSize}.");
        }
        if (issuer is { Length: 0 }) throw new ArgumentException("The issuer filter must not be empty; pass null to list all issuers.", nameof(issuer));
        Dictionary<string, AttributeValue>? startKey = null;
        if (continuationToken is not null)
        {
            var start = ContinuationToken.Decode(continuationToken, nameof(continuationToken));
            if (issuer is not null && !string.Equals(start.Issuer, issuer, StringComparison.Ordinal))
            {
                throw new ArgumentException("The continuation token belongs to a listing of another issuer.", nameof(continuationToken));
            }
            startKey = M.ToKey(start);
        }

        const string Operation = "listing entries";
        List<Dictionary<string, AttributeValue>>? items;
        Dictionary<string, AttributeValue>? lastKey;
        if (issuer is not null)
        {
            var request = new QueryRequest
            {
                TableName = TableName,
                KeyConditionExpression = "#issuer = :issuer",
                ExpressionAttributeNames = Names(("#issuer", A.Issuer)),
                ExpressionAttributeValues = Values((":issuer", new AttributeValue { S = issuer })),
                ConsistentRead = true,
                Limit = pageSize,
                ExclusiveStartKey = startKey,
            };
            var response = await CallAsync(Operation, ct => _client.QueryAsync(request, ct), cancellationToken).ConfigureAwait(false);
            (items, lastKey) = (response.Items, response.LastEvaluatedKey);
        }
        else
        {
            var request = new ScanRequest { TableName = TableName, ConsistentRead = true, Limit = pageSize, ExclusiveStartKey = startKey };
            var response = await CallAsync(Operation, ct => _client.ScanAsync(request, ct), cancellationToken).ConfigureAwait(false);
            (items, lastKey) = (response.Items, response.LastEvaluatedKey);
        }

        var entries = (items ?? []).Select(item => Map(item, Operation)).ToList();
        string? next;
        try
        {
            next = ContinuationToken.FromLastEvaluatedKey(lastKey);
        }
        catch (InvalidDataException e)
        {
            throw new DependencyFailureException(Dependency.AuthTable, $"The auth table '{TableName}' returned an unusable page position while {Operation}.", e);
        }
        return new EnrollmentPage(entries, next);
    }

    /// <inheritdoc />
    public async Task<AuthEntry> UpdateAccessAsync(AccountKey account, ListChange? roles, ListChange? secondaryAuthorizers, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        const string Operation = "updating access";
        for (var attempt = 1; ; attempt++)
        {
            var item = await GetItemAsync(account, Operation, null, null, cancellationToken).ConfigureAwait(false)
                ?? throw new EnrollmentNotFoundException(account);
            var current = Map(item, Operation);
            if (roles is null && secondaryAuthorizers is null) return current;

            var revision = ReadRevision(item, Operation);
            var names = Names(("#issuer", A.Issuer), ("#rev", A.Revision), ("#updated", A.UpdatedAt));
            var values = Values((":updated", M.Stamp(Now())), (":newrev", M.Number((revision ?? 0) + 1)));
            var sets = new List<string> { "#updated = :updated", "#rev = :newrev" };
            if (roles is not null)
            {
                names["#roles"] = A.Roles;
                values[":roles"] = M.StringList(roles.ApplyTo(current.Roles));
                sets.Add("#roles = :roles");
            }
            if (secondaryAuthorizers is not null)
            {
                names["#secondary"] = A.SecondaryAuthorization;
                values[":secondary"] = M.StringList(secondaryAuthorizers.ApplyTo(current.SecondaryAuthorizers));
                sets.Add("#secondary = :secondary");
            }
            GuardRevision(names, values, exists: true, revision, out var condition);
            var request = new UpdateItemRequest
            {
                TableName = TableName,
                Key = M.ToKey(account),
                UpdateExpression = "SET " + string.Join(", ", sets),
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
                ReturnValues = ReturnValue.ALL_NEW,
            };
            try
            {
                var response = await CallAsync(Operation, ct => _client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
                return Map(response.Attributes, Operation);
            }
            catch (ConditionalCheckFailedException)
            {
                await ConflictBackoffAsync(attempt, Operation, account, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty.</exception>
    public async Task ReplaceSecretAsync(AccountKey account, StoredSecret secret, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (secret is null) throw new ArgumentNullException(nameof(secret));
        if (secret.IsEmpty) throw new ArgumentException("The new secret is empty.", nameof(secret));
        var names = AdminWriteNames(("#step", A.LastTimeStep), ("#failed", A.FailedAttempts), ("#locked", A.LockedUntil),
            ("#locks", A.ConsecutiveLocks), ("#url", A.Url), ("#ciphertext", A.TotpSecretCiphertext));
        var values = AdminWriteValues((":zero", M.Number(0)));
        string setSecret, removeOther;
        if (secret.HasCiphertext)
        {
            values[":secret"] = M.Binary(secret.Ciphertext!);
            (setSecret, removeOther) = ("#ciphertext = :secret", "#url");
        }
        else
        {
            values[":secret"] = new AttributeValue { S = secret.OtpAuthUri };
            (setSecret, removeOther) = ("#url = :secret", "#ciphertext");
        }
        var request = new UpdateItemRequest
        {
            TableName = TableName,
            Key = M.ToKey(account),
            UpdateExpression = $"SET {setSecret}, #failed = :zero, {AdminWriteSet} REMOVE {removeOther}, #step, #locked, #locks",
            ConditionExpression = "attribute_exists(#issuer)",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
        try
        {
            await CallAsync("replacing a secret", ct => _client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new EnrollmentNotFoundException(account);
        }
    }

    /// <inheritdoc />
    public async Task<bool> EncryptPlaintextSecretAsync(AccountKey account, string expectedOtpAuthUri, byte[] ciphertext, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (string.IsNullOrEmpty(expectedOtpAuthUri)) throw new ArgumentException("The plaintext secret being replaced is required.", nameof(expectedOtpAuthUri));
        if (ciphertext is not { Length: > 0 }) throw new ArgumentException("The ciphertext is empty.", nameof(ciphertext));
        var request = new UpdateItemRequest
        {
            TableName = TableName,
            Key = M.ToKey(account),
            UpdateExpression = $"SET #ciphertext = :ciphertext, {AdminWriteSet} REMOVE #url",
            ConditionExpression = "attribute_exists(#issuer) AND #url = :expected AND attribute_not_exists(#ciphertext)",
            ExpressionAttributeNames = AdminWriteNames(("#url", A.Url), ("#ciphertext", A.TotpSecretCiphertext)),
            ExpressionAttributeValues = AdminWriteValues((":ciphertext", M.Binary(ciphertext)), (":expected", new AttributeValue { S = expectedOtpAuthUri })),
        };
        try
        {
            await CallAsync("encrypting a plaintext secret", ct => _client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> UnlockAsync(AccountKey account, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        var request = new UpdateItemRequest
        {
            TableName = TableName,
            Key = M.ToKey(account),
            UpdateExpression = $"SET #failed = :zero, {AdminWriteSet} REMOVE #locked, #locks",
            ConditionExpression = "attribute_exists(#issuer)",
            ExpressionAttributeNames = AdminWriteNames(("#failed", A.FailedAttempts), ("#locked", A.LockedUntil), ("#locks", A.ConsecutiveLocks)),
            ExpressionAttributeValues = AdminWriteValues((":zero", M.Number(0))),
        };
        try
        {
            await CallAsync("unlocking an account", ct => _client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(AccountKey account, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        var request = new DeleteItemRequest { TableName = TableName, Key = M.ToKey(account), ReturnValues = ReturnValue.ALL_OLD };
        var response = await CallAsync("deleting an entry", ct => _client.DeleteItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Attributes is { Count: > 0 };
    }

    // ---- Helpers ----

    // The SET clause every admin write shares: stamp it and bump the revision (STSFTW entries start from none).
    private const string AdminWriteSet = "#updated = :updated, #rev = if_not_exists(#rev, :revzero) + :revone";

    private Dictionary<string, string> AdminWriteNames(params (string Placeholder, string Name)[] more)
    {
        var names = Names(more);
        names["#issuer"] = A.Issuer;
        names["#updated"] = A.UpdatedAt;
        names["#rev"] = A.Revision;
        return names;
    }

    private Dictionary<string, AttributeValue> AdminWriteValues(params (string Placeholder, AttributeValue Value)[] more)
    {
        var values = Values(more);
        values[":updated"] = M.Stamp(Now());
        values[":revzero"] = M.Number(0);
        values[":revone"] = M.Number(1);
        return values;
    }

    // The condition that the item is still the one that was read: same revision, or (STSFTW entries) still none.
    private static void GuardRevision(
        Dictionary<string, string> names, Dictionary<string, AttributeValue> values, bool exists, long? revision, out string condition)
    {
        names["#issuer"] = A.Issuer;
        if (!exists)
        {
            condition = "attribute_not_exists(#issuer)";
            return;
        }
        names["#rev"] = A.Revision;
        if (revision is { } r)
        {
            values[":rev"] = M.Number(r);
            condition = "attribute_exists(#issuer) AND #rev = :rev";
        }
        else
        {
            condition = "attribute_exists(#issuer) AND attribute_not_exists(#rev)";
        }
    }

    // Attribute-wise equality of two items as the admin path writes them (S, N, B and lists of those).
    private static bool SameItem(Dictionary<string, AttributeValue> stored, Dictionary<string, AttributeValue> written) =>
        stored.Count == written.Count
        && written.All(pair => stored.TryGetValue(pair.Key, out var value) && SameValue(value, pair.Value));

    private static bool SameValue(AttributeValue? a, AttributeValue? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (!string.Equals(a.S, b.S, StringComparison.Ordinal) || !string.Equals(a.N, b.N, StringComparison.Ordinal)) return false;
        if ((a.B is null) != (b.B is null) || (a.B is not null && !a.B.ToArray().SequenceEqual(b.B!.ToArray()))) return false;
        var (listA, listB) = (a.L ?? new List<AttributeValue>(), b.L ?? new List<AttributeValue>());
        return listA.Count == listB.Count && listA.Zip(listB, SameValue).All(same => same);
    }

    private static AttributeValue NewWriteToken() => new() { S = Guid.NewGuid().ToString("N") };

    // The item a failed condition returned (DynamoDB's ALL_OLD; empty when there is no item, or from servers that do not
    // return it) carries this write's token: an earlier attempt of the same write applied and only its answer was lost.
    // Deliberately no read when the item is missing, so unknown accounts cost the same round trips as known ones.
    private static bool IsOwnWrite(Dictionary<string, AttributeValue>? item, AttributeValue token) =>
        item is not null && item.TryGetValue(A.WriteToken, out var stored) && string.Equals(stored?.S, token.S, StringComparison.Ordinal);

    private async Task<AuthEntry?> GetEntryAsync(AccountKey account, string operation, CancellationToken cancellationToken)
    {
        var item = await GetItemAsync(account, operation, null, null, cancellationToken).ConfigureAwait(false);
        return item is null ? null : Map(item, operation);
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(
        AccountKey account, string operation, string? projection, Dictionary<string, string>? names, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = TableName,
            Key = M.ToKey(account),
            ConsistentRead = true,
            ProjectionExpression = projection,
            ExpressionAttributeNames = names,
        };
        var response = await CallAsync(operation, ct => _client.GetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private AuthEntry Map(Dictionary<string, AttributeValue>? item, string operation)
    {
        if (item is null || item.Count == 0)
        {
            throw new DependencyFailureException(Dependency.AuthTable, $"The auth table '{TableName}' returned no item while {operation}.");
        }
        try
        {
            return M.FromItem(item);
        }
        catch (InvalidDataException e)
        {
            // e.Message names the attribute, never its value; the key is not secret.
            var key = item.TryGetValue(A.Issuer, out var i) && item.TryGetValue(A.AccountName, out var n) ? $" '{i?.S}/{n?.S}'" : string.Empty;
            throw new DependencyFailureException(Dependency.AuthTable, $"The auth table '{TableName}' holds a malformed entry{key} ({e.Message}) found while {operation}.", e);
        }
    }

    private long? ReadRevision(Dictionary<string, AttributeValue> item, string operation)
    {
        try
        {
            return M.ReadRevision(item);
        }
        catch (InvalidDataException e)
        {
            throw new DependencyFailureException(Dependency.AuthTable, $"The auth table '{TableName}' holds a malformed entry ({e.Message}) found while {operation}.", e);
        }
    }

    private async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            throw;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            if (e is OperationCanceledException) throw;
            throw new OperationCanceledException($"Cancelled while {operation}.", e, cancellationToken);
        }
        // In SDK v4 AmazonServiceException does not derive from AmazonClientException.
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException
                                      or TimeoutException or OperationCanceledException)
        {
            throw new DependencyFailureException(Dependency.AuthTable, $"The auth table '{TableName}' failed while {operation}: {Describe(e)}.", e);
        }
    }

    // What went wrong, without the service's free-text message (it can echo request values).
    private static string Describe(Exception e) => e switch
    {
        ResourceNotFoundException => "the table does not exist (ResourceNotFoundException)",
        ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException =>
            $"throttled after the SDK's retries ({((AmazonServiceException)e).ErrorCode})",
        AmazonServiceException s => string.Format(CultureInfo.InvariantCulture, "{0} (HTTP {1})", s.ErrorCode ?? e.GetType().Name, (int)s.StatusCode),
        OperationCanceledException or TimeoutException => "timed out",
        _ when e.InnerException is OperationCanceledException or TimeoutException => "timed out",
        _ => $"{e.GetType().Name} (unreachable or transport error)",
    };

    private async Task ConflictBackoffAsync(int attempt, string operation, AccountKey account, CancellationToken cancellationToken)
    {
        if (attempt >= MaxConflictAttempts)
        {
            throw new DependencyFailureException(Dependency.AuthTable,
                $"The auth table '{TableName}' kept changing under '{account}' ({attempt} conflicting concurrent writes) while {operation}; try again.");
        }
        await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
    }

    // Full jitter: a random wait up to 10 ms * 2^attempt, at most 320 ms, so racing writers spread out.
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = 10 * (1 << Math.Min(attempt, 5));
        int milliseconds;
        lock (_jitter) milliseconds = _jitter.Next(1, ceiling + 1);
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    private static DateTimeOffset CeilingToSeconds(DateTimeOffset value)
    {
        var floor = DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
        return floor < value ? floor.AddSeconds(1) : floor;
    }

    private DateTimeOffset Now() => _timeProvider.GetUtcNow();

    private static Dictionary<string, string> Names(params (string Placeholder, string Name)[] names)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (placeholder, name) in names) result[placeholder] = name;
        return result;
    }

    private static Dictionary<string, AttributeValue> Values(params (string Placeholder, AttributeValue Value)[] values)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var (placeholder, value) in values) result[placeholder] = value;
        return result;
    }
}
