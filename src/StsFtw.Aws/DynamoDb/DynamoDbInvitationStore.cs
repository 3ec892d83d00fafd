using Amazon.DynamoDBv2.Model;
using StsFtw.Core.Accounts;
using StsFtw.Core.Invitations;
using A = StsFtw.Aws.DynamoDb.AuthTableAttributes;
using M = StsFtw.Aws.DynamoDb.AuthItemMapper;

namespace StsFtw.Aws.DynamoDb;

/// <summary>
/// Invitations on the auth table (<see cref="IInvitationStore"/>, docs/INVITATIONS.md): the admin's invitation write
/// and the enrollment routes' reads and conditional writes, all on the account's own item.
/// </summary>
/// <remarks>
/// Each write is one conditional UpdateItem, so two racing redemptions cannot both store a secret and two racing
/// confirmations cannot both activate. The request-path writes carry a fresh <see cref="AuthTableAttributes.WriteToken"/>
/// and also pass when the item already holds it, so an SDK retry of a write that applied (its answer lost) is not
/// refused as its own race. Failures surface as in <see cref="DynamoDbAuthStore"/>.
/// </remarks>
public sealed class DynamoDbInvitationStore : IInvitationStore
{
    private readonly AuthTableCalls _table;
    private readonly TimeProvider _clock;

    /// <summary>Creates the store.</summary>
    /// <param name="client">The DynamoDB client (for example from <see cref="AuthTableClientFactory"/>); the caller owns it.</param>
    /// <param name="tableName">The auth table (see <see cref="AuthTableName.Check"/>).</param>
    /// <param name="clock">The clock for the admin write's stamps; null for the system clock.</param>
    public DynamoDbInvitationStore(Amazon.DynamoDBv2.IAmazonDynamoDB client, string tableName, TimeProvider? clock = null)
    {
        _table = new AuthTableCalls(client, tableName);
        _clock = clock ?? TimeProvider.System;
    }

    /// <inheritdoc />
    /// <remarks>Not conditional: like an admin's access change it replaces roles and co-signers, and bumps the revision so a concurrent admin write that read the item first is retried.</remarks>
    public async Task CreateInvitationAsync(InvitationGrant grant, CancellationToken cancellationToken)
    {
        if (grant is null) throw new ArgumentNullException(nameof(grant));
        var invitation = grant.Invitation;
        if (invitation.Verifier is not { Length: 32 }) throw new ArgumentException("An invitation's verifier is a SHA-256 hash (32 bytes).", nameof(grant));
        var names = AdminWrites.Names(("#roles", A.Roles), ("#secondary", A.SecondaryAuthorization), ("#verifier", A.InvitationVerifier),
            ("#expires", A.InvitationExpiresAt), ("#lost", A.InvitationLostDevice), ("#pending", A.PendingSecretCiphertext), ("#created", A.CreatedAt));
        var values = AdminWrites.Values(_clock.GetUtcNow(), (":roles", M.StringList(grant.Roles)), (":secondary", M.StringList(grant.SecondaryAuthorizers)),
            (":verifier", M.Binary(invitation.Verifier)), (":expires", M.Number(invitation.ExpiresAt.ToUnixTimeSeconds())));
        var set = $"SET #roles = :roles, #secondary = :secondary, #verifier = :verifier, #expires = :expires, #created = if_not_exists(#created, :updated), {AdminWrites.Set}";
        string update;
        if (invitation.LostDevice)
        {
            values[":lost"] = new AttributeValue { BOOL = true };
            update = set + ", #lost = :lost REMOVE #pending";
        }
        else
        {
            update = set + " REMOVE #pending, #lost";
        }
        names.Remove("#issuer");
        var request = new UpdateItemRequest
        {
            TableName = _table.TableName,
            Key = M.ToKey(grant.Account),
            UpdateExpression = update,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
        await _table.CallAsync("creating an invitation", ct => _table.Client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<EnrollmentState?> GetAsync(AccountKey account, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        const string Operation = "reading an invitation";
        var item = await _table.GetItemAsync(account, Operation, null, null, cancellationToken).ConfigureAwait(false);
        if (item is null) return null;
        var entry = _table.Map(item, Operation);
        try
        {
            var verifier = M.ReadBinary(item, A.InvitationVerifier);
            var expires = M.ReadEpochSeconds(item, A.InvitationExpiresAt);
            var lost = M.TryGet(item, A.InvitationLostDevice, out var flag) && (flag.BOOL ?? throw M.Malformed(A.InvitationLostDevice, "is not a boolean (BOOL)"));
            var invitation = verifier is not null && expires is { } at ? new Invitation(verifier, at, lost) : null;
            return new EnrollmentState(entry, invitation, M.ReadBinary(item, A.PendingSecretCiphertext));
        }
        catch (InvalidDataException e)
        {
            throw _table.Failure($"holds a malformed invitation '{account}' ({e.Message}) found while {Operation}", e);
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryStorePendingAsync(AccountKey account, byte[] verifier, byte[] pendingCiphertext, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (verifier is not { Length: > 0 }) throw new ArgumentException("The verifier is empty.", nameof(verifier));
        if (pendingCiphertext is not { Length: > 0 }) throw new ArgumentException("The ciphertext is empty.", nameof(pendingCiphertext));
        var request = new UpdateItemRequest
        {
            TableName = _table.TableName,
            Key = M.ToKey(account),
            UpdateExpression = "SET #pending = :pending, #token = :token",
            // "(open invitation with this verifier AND nothing pending AND unlocked) OR own retry"; AND binds tighter than OR.
            ConditionExpression = "#verifier = :verifier AND #expires > :now AND attribute_not_exists(#pending) "
                + "AND (attribute_not_exists(#locked) OR #locked <= :now) OR #token = :token",
            ExpressionAttributeNames = AuthTableCalls.Names(("#pending", A.PendingSecretCiphertext), ("#token", A.WriteToken), ("#verifier", A.InvitationVerifier),
                ("#expires", A.InvitationExpiresAt), ("#locked", A.LockedUntil)),
            ExpressionAttributeValues = AuthTableCalls.Values((":pending", M.Binary(pendingCiphertext)), (":token", NewWriteToken()),
                (":verifier", M.Binary(verifier)), (":now", M.Number(now.ToUnixTimeSeconds()))),
        };
        return await ConditionalAsync("storing a pending secret", request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryActivateAsync(AccountKey account, byte[] verifier, byte[] pendingCiphertext, long timeStep, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (verifier is not { Length: > 0 }) throw new ArgumentException("The verifier is empty.", nameof(verifier));
        if (pendingCiphertext is not { Length: > 0 }) throw new ArgumentException("The ciphertext is empty.", nameof(pendingCiphertext));
        if (timeStep < 0) throw new ArgumentOutOfRangeException(nameof(timeStep), timeStep, "A time step is never negative.");
        var request = new UpdateItemRequest
        {
            TableName = _table.TableName,
            Key = M.ToKey(account),
            // A new device: as Set-StsEnrollment -NewDevice, the failure counts and lock level go with the old one.
            UpdateExpression = "SET #ciphertext = :pending, #step = :step, #failed = :zero, #token = :token "
                + "REMOVE #pending, #verifier, #expires, #lost, #url, #locked, #locks, #spent, #opened",
            ConditionExpression = "#verifier = :verifier AND #expires > :now AND #pending = :pending AND (attribute_not_exists(#step) OR #step < :step) "
                + "AND (attribute_not_exists(#locked) OR #locked <= :now) OR #token = :token",
            ExpressionAttributeNames = AuthTableCalls.Names(("#ciphertext", A.TotpSecretCiphertext), ("#step", A.LastTimeStep), ("#failed", A.FailedAttempts),
                ("#token", A.WriteToken), ("#pending", A.PendingSecretCiphertext), ("#verifier", A.InvitationVerifier), ("#expires", A.InvitationExpiresAt),
                ("#lost", A.InvitationLostDevice), ("#url", A.Url), ("#locked", A.LockedUntil), ("#locks", A.ConsecutiveLocks),
                ("#spent", A.BudgetFailures), ("#opened", A.BudgetWindowStart)),
            ExpressionAttributeValues = AuthTableCalls.Values((":pending", M.Binary(pendingCiphertext)), (":step", M.Number(timeStep)), (":zero", M.Number(0)),
                (":token", NewWriteToken()), (":verifier", M.Binary(verifier)), (":now", M.Number(now.ToUnixTimeSeconds()))),
        };
        return await ConditionalAsync("activating an enrolled device", request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ConditionalAsync(string operation, UpdateItemRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await _table.CallAsync(operation, ct => _table.Client.UpdateItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static AttributeValue NewWriteToken() => new() { S = Guid.NewGuid().ToString("N") };
}
