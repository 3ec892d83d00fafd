using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using A = StsFtw.Aws.DynamoDb.AuthTableAttributes;
using M = StsFtw.Aws.DynamoDb.AuthItemMapper;

namespace StsFtw.Aws.DynamoDb;

/// <summary>
/// The auth table on the admin path (<see cref="IEnrollmentStore"/>): enrolling, listing, changing access, replacing or
/// encrypting a secret, unlocking and deleting. The admin cmdlets use it; the backend never does.
/// </summary>
/// <remarks>
/// Every write is conditional so it lands whole or not at all: a create never clobbers an entry, and a change that
/// read an entry lands only on the same revision of it (<see cref="AuthTableAttributes.Revision"/>; STSFTW entries have
/// none), retrying with jittered backoff when a concurrent admin changed it meanwhile. Failures surface as in
/// <see cref="DynamoDbAuthStore"/>.
/// </remarks>
public sealed class DynamoDbEnrollmentStore : IEnrollmentStore
{
    /// <summary>Largest page <see cref="ListAsync"/> accepts.</summary>
    public const int MaximumPageSize = 1000;

    // Optimistic admin writes retry on conflict; with jittered backoff ten rounds absorb ten racing admins.
    private const int MaxConflictAttempts = 10;

    private readonly AuthTableCalls _table;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the store.</summary>
    /// <param name="client">The DynamoDB client (for example from <see cref="AuthTableClientFactory"/>); the caller owns it.</param>
    /// <param name="tableName">The auth table (see <see cref="AuthTableName.Check"/>).</param>
    /// <param name="timeProvider">The clock for the created/updated stamps; null for the system clock.</param>
    public DynamoDbEnrollmentStore(IAmazonDynamoDB client, string tableName, TimeProvider? timeProvider = null)
    {
        _table = new AuthTableCalls(client, tableName);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The table this store reads and writes.</summary>
    public string TableName => _table.TableName;

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
                TableName = _table.TableName,
                Item = M.ToItem(entry, Now(), 1),
                ConditionExpression = "attribute_not_exists(#issuer)",
                ExpressionAttributeNames = AuthTableCalls.Names(("#issuer", A.Issuer)),
            };
            try
            {
                await _table.CallAsync(Operation, ct => _table.Client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConditionalCheckFailedException)
            {
                // The SDK retries a put whose answer was lost; if the first attempt applied, the retry finds this very
                // item (its fresh ciphertext and stamps make it unique). The table then holds exactly what was asked
                // for, so that is success, not someone else's entry.
                var existing = await _table.GetItemAsync(entry.Account, Operation, null, null, cancellationToken).ConfigureAwait(false);
                if (existing is not null && AdminWrites.SameItem(existing, request.Item)) return;
                throw new EnrollmentExistsException(entry.Account);
            }
        }

        await OverwriteAsync(entry, onlyWithoutDevice: false, Operation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task EnrollInvitedAsync(AuthEntry entry, CancellationToken cancellationToken)
    {
        if (entry is null) throw new ArgumentNullException(nameof(entry));
        if (entry.Secret.IsEmpty) throw new ArgumentException("An entry needs a TOTP secret (a ciphertext or an otpauth URI).", nameof(entry));
        return OverwriteAsync(entry, onlyWithoutDevice: true, "enrolling an invited account", cancellationToken);
    }

    // Replaces the item whole, continuing its revision. With onlyWithoutDevice, the write also requires that the item
    // still holds no device (SECURITY.md rule I12): a device activated since the admin's read is never replaced.
    private async Task OverwriteAsync(AuthEntry entry, bool onlyWithoutDevice, string operation, CancellationToken cancellationToken)
    {
        const string NoDevice = "NOT (size(#url) > :zero OR size(#ciphertext) > :zero)";
        Dictionary<string, AttributeValue>? written = null;
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _table.GetItemAsync(entry.Account, operation, "#issuer, #rev, #url, #ciphertext",
                    AuthTableCalls.Names(("#issuer", A.Issuer), ("#rev", A.Revision), ("#url", A.Url), ("#ciphertext", A.TotpSecretCiphertext)), cancellationToken)
                .ConfigureAwait(false);
            if (onlyWithoutDevice && existing is not null && HasDevice(existing))
            {
                // The SDK retries a put whose answer was lost: the device found may be this very write.
                var whole = written is null ? null : await _table.GetItemAsync(entry.Account, operation, null, null, cancellationToken).ConfigureAwait(false);
                if (whole is not null && AdminWrites.SameItem(whole, written!)) return;
                throw new EnrollmentExistsException(entry.Account);
            }
            var revision = existing is null ? null : _table.ReadRevision(existing, operation);
            var names = AuthTableCalls.Names();
            var values = AuthTableCalls.Values();
            AdminWrites.GuardRevision(names, values, existing is not null, revision, out var condition);
            if (onlyWithoutDevice && existing is not null)
            {
                names["#url"] = A.Url;
                names["#ciphertext"] = A.TotpSecretCiphertext;
                values[":zero"] = M.Number(0);
                condition = $"({condition}) AND {NoDevice}";
            }
            var request = new PutItemRequest
            {
                TableName = _table.TableName,
                Item = M.ToItem(entry, Now(), (revision ?? 0) + 1),
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values.Count == 0 ? null : values,
            };
            written = request.Item;
            try
            {
                await _table.CallAsync(operation, ct => _table.Client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConditionalCheckFailedException)
            {
                await ConflictBackoffAsync(attempt, operation, entry.Account, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool HasDevice(Dictionary<string, AttributeValue> item) =>
        (M.TryGet(item, A.Url, out var url) && !string.IsNullOrEmpty(url.S)) ||
        (M.TryGet(item, A.TotpSecretCiphertext, out var ciphertext) && ciphertext.B is { Length: > 0 });

    /// <inheritdoc />
    public Task<AuthEntry?> GetAsync(AccountKey account, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        return _table.GetEntryAsync(account, "reading an entry", cancellationToken);
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
                TableName = _table.TableName,
                KeyConditionExpression = "#issuer = :issuer",
                ExpressionAttributeNames = AuthTableCalls.Names(("#issuer", A.Issuer)),
                ExpressionAttributeValues = AuthTableCalls.Values((":issuer", new AttributeValue { S = issuer })),
                ConsistentRead = true,
                Limit = pageSize,
                ExclusiveStartKey = startKey,
            };
            var response = await _table.CallAsync(Operation, ct => _table.Client.QueryAsync(request, ct), cancellationToken).ConfigureAwait(false);
            (items, lastKey) = (response.Items, response.LastEvaluatedKey);
        }
        else
        {
            var request = new ScanRequest { TableName = _table.TableName, ConsistentRead = true, Limit = pageSize, ExclusiveStartKey = startKey };
            var response = await _table.CallAsync(Operation, ct => _table.Client.ScanAsync(request, ct), cancellationToken).ConfigureAwait(false);
            (items, lastKey) = (response.Items, response.LastEvaluatedKey);
        }

        var entries = (items ?? []).Select(item => _table.Map(item, Operation)).ToList();
        string? next;
        try
        {
            next = ContinuationToken.FromLastEvaluatedKey(lastKey);
        }
        catch (InvalidDataException e)
        {
            throw _table.Failure($"returned an unusable page position while {Operation}", e);
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
            var item = await _table.GetItemAsync(account, Operation, null, null, cancellationToken).ConfigureAwait(false)
                ?? throw new EnrollmentNotFoundException(account);
            var current = _table.Map(item, Operation);
            if (roles is null && secondaryAuthorizers is null) return current;

            var revision = _table.ReadRevision(item, Operation);
            var names = AuthTableCalls.Names(("#issuer", A.Issuer), ("#rev", A.Revision), ("#updated", A.UpdatedAt));
            var values = AuthTableCalls.Values((":updated", M.Stamp(Now())), (":newrev", M.Number((revision ?? 0) + 1)));
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
            AdminWrites.GuardRevision(names, values, exists: true, revision, out var condition);
            var request = new UpdateItemRequest
            {
                TableName = _table.TableName,
                Key = M.ToKey(account),
                UpdateExpression = "SET " + string.Join(", ", sets),
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
                ReturnValues = ReturnValue.ALL_NEW,
            };
            try
            {
                var response = await _table.CallAsync(Operation, ct => _table.Client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
                return _table.Map(response.Attributes, Operation);
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
        var names = AdminWrites.Names(("#step", A.LastTimeStep), ("#failed", A.FailedAttempts), ("#locked", A.LockedUntil),
            ("#locks", A.ConsecutiveLocks), ("#url", A.Url), ("#ciphertext", A.TotpSecretCiphertext), ("#spent", A.BudgetFailures), ("#opened", A.BudgetWindowStart),
            ("#verifier", A.InvitationVerifier), ("#expires", A.InvitationExpiresAt), ("#lost", A.InvitationLostDevice), ("#pending", A.PendingSecretCiphertext));
        var values = AdminWrites.Values(Now(), (":zero", M.Number(0)));
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
            TableName = _table.TableName,
            Key = M.ToKey(account),
            UpdateExpression = $"SET {setSecret}, #failed = :zero, {AdminWrites.Set} REMOVE {removeOther}, #step, #locked, #locks, #spent, #opened, #verifier, #expires, #lost, #pending",
            // SECURITY.md rule I12: only a device is replaced. An item holding only an invitation is refused here too,
            // so a read that saw a device and a write that would land on an invitation cannot end it silently.
            ConditionExpression = "attribute_exists(#issuer) AND (size(#url) > :zero OR size(#ciphertext) > :zero)",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
        const string Operation = "replacing a secret";
        try
        {
            await _table.CallAsync(Operation, ct => _table.Client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            var existing = await _table.GetItemAsync(account, Operation, null, null, cancellationToken).ConfigureAwait(false);
            if (existing is null) throw new EnrollmentNotFoundException(account);
            throw new EnrollmentHasNoDeviceException(account);
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
            TableName = _table.TableName,
            Key = M.ToKey(account),
            UpdateExpression = $"SET #ciphertext = :ciphertext, {AdminWrites.Set} REMOVE #url",
            ConditionExpression = "attribute_exists(#issuer) AND #url = :expected AND attribute_not_exists(#ciphertext)",
            ExpressionAttributeNames = AdminWrites.Names(("#url", A.Url), ("#ciphertext", A.TotpSecretCiphertext)),
            ExpressionAttributeValues = AdminWrites.Values(Now(), (":ciphertext", M.Binary(ciphertext)), (":expected", new AttributeValue { S = expectedOtpAuthUri })),
        };
        try
        {
            await _table.CallAsync("encrypting a plaintext secret", ct => _table.Client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
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
            TableName = _table.TableName,
            Key = M.ToKey(account),
            UpdateExpression = $"SET #failed = :zero, {AdminWrites.Set} REMOVE #locked, #locks, #spent, #opened",
            ConditionExpression = "attribute_exists(#issuer)",
            ExpressionAttributeNames = AdminWrites.Names(("#failed", A.FailedAttempts), ("#locked", A.LockedUntil), ("#locks", A.ConsecutiveLocks),
                ("#spent", A.BudgetFailures), ("#opened", A.BudgetWindowStart)),
            ExpressionAttributeValues = AdminWrites.Values(Now(), (":zero", M.Number(0))),
        };
        try
        {
            await _table.CallAsync("unlocking an account", ct => _table.Client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
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
        var request = new DeleteItemRequest { TableName = _table.TableName, Key = M.ToKey(account), ReturnValues = ReturnValue.ALL_OLD };
        var response = await _table.CallAsync("deleting an entry", ct => _table.Client.DeleteItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Attributes is { Count: > 0 };
    }

    private async Task ConflictBackoffAsync(int attempt, string operation, AccountKey account, CancellationToken cancellationToken)
    {
        if (attempt >= MaxConflictAttempts)
        {
            throw _table.Failure($"kept changing under '{account}' ({attempt} conflicting concurrent writes) while {operation}; try again");
        }
        await Task.Delay(_table.Backoff(attempt), cancellationToken).ConfigureAwait(false);
    }

    private DateTimeOffset Now() => _timeProvider.GetUtcNow();
}
