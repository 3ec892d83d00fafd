using Amazon.DynamoDBv2;
using StsFtw.Aws.DynamoDb;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;

namespace StsFtw.Testing.Fixtures;

/// <summary>
/// Both stores of one auth table, as a rig needs them: the request-path store the backend uses and the admin store
/// the cmdlets use, over the same client and table. Each call goes to the store that owns it.
/// </summary>
public sealed class AuthTableStores(IAmazonDynamoDB client, string tableName, TimeProvider? clock = null, LockoutPolicy? lockout = null)
    : IAuthStore, IEnrollmentStore
{
    /// <summary>The request path: entry reads, step acceptance, failure counting and locks.</summary>
    public DynamoDbAuthStore Request { get; } = new(client, tableName, lockout);

    /// <summary>The admin path: create, list, access changes, secrets, unlock, delete.</summary>
    public DynamoDbEnrollmentStore Admin { get; } = new(client, tableName, clock);

    /// <summary>Invitations: the admin's invitation write and the enrollment routes' reads and writes.</summary>
    public DynamoDbInvitationStore Invitations { get; } = new(client, tableName, clock);

    /// <summary>The table both stores use.</summary>
    public string TableName => Request.TableName;

    /// <inheritdoc />
    public Task<EntryLookup> GetEntriesAsync(AccountKey primary, AccountKey? secondary, CancellationToken cancellationToken) =>
        Request.GetEntriesAsync(primary, secondary, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryAcceptTimeStepAsync(AccountKey account, long timeStep, DateTimeOffset now, CancellationToken cancellationToken) =>
        Request.TryAcceptTimeStepAsync(account, timeStep, now, cancellationToken);

    /// <inheritdoc />
    public Task<FailureRecord> RecordFailureAsync(AccountKey account, AuthEntry? seen, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken) =>
        Request.RecordFailureAsync(account, seen, now, policy, cancellationToken);

    /// <inheritdoc />
    public Task CreateAsync(AuthEntry entry, bool overwrite, CancellationToken cancellationToken) => Admin.CreateAsync(entry, overwrite, cancellationToken);

    /// <inheritdoc />
    public Task EnrollInvitedAsync(AuthEntry entry, CancellationToken cancellationToken) => Admin.EnrollInvitedAsync(entry, cancellationToken);

    /// <inheritdoc />
    public Task<AuthEntry?> GetAsync(AccountKey account, CancellationToken cancellationToken) => Admin.GetAsync(account, cancellationToken);

    /// <inheritdoc />
    public Task<EnrollmentPage> ListAsync(string? issuer, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        Admin.ListAsync(issuer, pageSize, continuationToken, cancellationToken);

    /// <inheritdoc />
    public Task<AuthEntry> UpdateAccessAsync(AccountKey account, ListChange? roles, ListChange? secondaryAuthorizers, CancellationToken cancellationToken) =>
        Admin.UpdateAccessAsync(account, roles, secondaryAuthorizers, cancellationToken);

    /// <inheritdoc />
    public Task ReplaceSecretAsync(AccountKey account, StoredSecret secret, CancellationToken cancellationToken) =>
        Admin.ReplaceSecretAsync(account, secret, cancellationToken);

    /// <inheritdoc />
    public Task<bool> EncryptPlaintextSecretAsync(AccountKey account, string expectedOtpAuthUri, byte[] ciphertext, CancellationToken cancellationToken) =>
        Admin.EncryptPlaintextSecretAsync(account, expectedOtpAuthUri, ciphertext, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UnlockAsync(AccountKey account, CancellationToken cancellationToken) => Admin.UnlockAsync(account, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(AccountKey account, CancellationToken cancellationToken) => Admin.DeleteAsync(account, cancellationToken);
}
