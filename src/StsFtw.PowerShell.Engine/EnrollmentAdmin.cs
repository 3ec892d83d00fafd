using Amazon;
using Amazon.DynamoDBv2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using StsFtw.Aws;
using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Kms;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Invitations;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;

namespace StsFtw.PowerShell.Engine;

/// <summary>
/// The auth table as the admin cmdlets use it: Core's <see cref="IEnrollmentStore"/> over DynamoDB, with new
/// secrets protected by KMS when a key is configured. Its public surface carries only Core and BCL types.
/// </summary>
/// <remarks>
/// Store failures surface as Core's <see cref="Core.Dependencies.DependencyFailureException"/>,
/// <see cref="EnrollmentExistsException"/> and <see cref="EnrollmentNotFoundException"/>; set-up failures as
/// <see cref="AdminSetupException"/>. Dispose it to release the AWS clients.
/// </remarks>
public sealed class EnrollmentAdmin : IDisposable
{
    private readonly AmazonDynamoDBClient _dynamoDb;
    private readonly AmazonKeyManagementServiceClient? _kms;
    private readonly DynamoDbEnrollmentStore _table;
    private readonly DynamoDbInvitationStore _invitations;
    private readonly ISecretProtector _protector;

    private EnrollmentAdmin(AmazonDynamoDBClient dynamoDb, AmazonKeyManagementServiceClient? kms, DynamoDbEnrollmentStore table, ISecretProtector protector)
    {
        _dynamoDb = dynamoDb;
        _kms = kms;
        _table = table;
        _invitations = new DynamoDbInvitationStore(dynamoDb, table.TableName);
        _protector = protector;
    }

    /// <summary>The table's name.</summary>
    public string TableName => _table.TableName;

    /// <summary>True when new secrets are encrypted with KMS.</summary>
    public bool UsesKms => _kms is not null;

    /// <summary>
    /// True when writing a new secret over <paramref name="existing"/> would replace its KMS ciphertext with plaintext
    /// (no KMS key in this connection): every admin front door refuses that (SECURITY.md, admin rule B1).
    /// </summary>
    public bool WouldDropCiphertext(AuthEntry? existing) => existing is not null && existing.Secret.HasCiphertext && !UsesKms;

    /// <summary>The store, for reads and access changes.</summary>
    public IEnrollmentStore Store => _table;

    /// <summary>Null when <paramref name="region"/> looks like an AWS region name (for example <c>eu-west-1</c>), else why not.</summary>
    public static string? CheckRegion(string? region) => AwsRegionName.Check(region);

    /// <summary>Creates the clients for <paramref name="connection"/>.</summary>
    /// <exception cref="AdminSetupException">A setting is malformed or the SDK cannot be configured.</exception>
    public static EnrollmentAdmin Connect(AdminConnection connection)
    {
        if (connection is null) throw new ArgumentNullException(nameof(connection));
        if (AuthTableName.Check(connection.TableName) is { } tableProblem) throw new AdminSetupException(tableProblem);
        if (connection.Region is not null && CheckRegion(connection.Region) is { } regionProblem) throw new AdminSetupException(regionProblem);

        AmazonDynamoDBClient? dynamoDb = null;
        AmazonKeyManagementServiceClient? kms = null;
        try
        {
            var region = connection.Region is null ? null : RegionEndpoint.GetBySystemName(connection.Region);
            dynamoDb = AuthTableClientFactory.Create(region: region);
            var table = new DynamoDbEnrollmentStore(dynamoDb, connection.TableName);
            ISecretProtector protector = new PlaintextSecretProtector();
            if (!string.IsNullOrEmpty(connection.KmsKeyId))
            {
                kms = KmsClientFactory.Create(region: region);
                protector = new KmsSecretProtector(kms, connection.KmsKeyId!);
            }
            return new EnrollmentAdmin(dynamoDb, kms, table, protector);
        }
        catch (Exception e) when (e is AmazonClientException or ArgumentException or InvalidOperationException)
        {
            dynamoDb?.Dispose();
            kms?.Dispose();
            throw new AdminSetupException($"The AWS clients could not be set up: {e.Message}", e);
        }
    }

    /// <summary>
    /// Enrolls <paramref name="key"/>'s account: protects the secret and writes the entry (replacing an existing one
    /// only when <paramref name="overwrite"/> is set). Returns the entry as read back.
    /// </summary>
    public Task<AuthEntry> EnrollAsync(TotpKey key, IReadOnlyList<string> roles, IReadOnlyList<string> secondaryAuthorizers, bool overwrite, CancellationToken cancellationToken) =>
        EnrollAsync(key, roles, secondaryAuthorizers, (table, entry, token) => table.CreateAsync(entry, overwrite, token), cancellationToken);

    /// <summary>
    /// Enrolls <paramref name="key"/>'s account as its standing when the admin looked (<paramref name="before"/>)
    /// allows: a fresh account is created (never over one that appeared meanwhile); an account that held only an
    /// invitation is replaced whole only while it still has no device, unless <paramref name="force"/> (SECURITY.md
    /// rule I12: a device the person activated meanwhile is not replaced silently); an enrolled one is replaced (the
    /// caller asked for that with force). Returns the entry as read back.
    /// </summary>
    public Task<AuthEntry> EnrollAsync(TotpKey key, IReadOnlyList<string> roles, IReadOnlyList<string> secondaryAuthorizers, EnrollmentStanding before, bool force, CancellationToken cancellationToken)
    {
        if (before is null) throw new ArgumentNullException(nameof(before));
        return EnrollAsync(key, roles, secondaryAuthorizers, (table, entry, token) =>
            before == EnrollmentStanding.Invited && !force ? table.EnrollInvitedAsync(entry, token) : table.CreateAsync(entry, before.Exists, token), cancellationToken);
    }

    private async Task<AuthEntry> EnrollAsync(TotpKey key, IReadOnlyList<string> roles, IReadOnlyList<string> secondaryAuthorizers,
        Func<IEnrollmentStore, AuthEntry, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        var account = new AccountKey(key.Issuer, key.AccountName);
        var secret = await _protector.ProtectAsync(account, key, cancellationToken).ConfigureAwait(false);
        var entry = new AuthEntry(account) { Roles = roles, SecondaryAuthorizers = secondaryAuthorizers, Secret = secret };
        await write(_table, entry, cancellationToken).ConfigureAwait(false);
        return await _table.GetAsync(account, cancellationToken).ConfigureAwait(false) ?? entry;
    }

    /// <summary>
    /// Invites <paramref name="account"/> to enroll a device of their own (docs/INVITATIONS.md): writes the grant
    /// (roles, co-signers, the code's verifier and expiry, never the code) and returns the code, to be handed to the
    /// admin once. Any earlier invitation of the account, and a secret redeemed from it, stop working.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is outside <see cref="InvitationExpiry"/>'s bounds.</exception>
    public async Task<(InvitationCode Code, InvitationGrant Grant)> InviteAsync(
        AccountKey account, IReadOnlyList<string> roles, IReadOnlyList<string> secondaryAuthorizers, TimeSpan? lifetime, bool lostDevice, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        var (code, grant) = InvitationGrant.Create(account, roles, secondaryAuthorizers, DateTimeOffset.UtcNow, lifetime, lostDevice);
        await _invitations.CreateInvitationAsync(grant, cancellationToken).ConfigureAwait(false);
        return (code, grant);
    }

    /// <summary>
    /// Replaces the account's device with <paramref name="key"/>'s secret (forgetting replay and lock state, and ending
    /// an outstanding invitation in the same write). An item without a device is refused with
    /// <see cref="EnrollmentHasNoDeviceException"/> and nothing is written (SECURITY.md rule I12).
    /// </summary>
    public async Task ReplaceDeviceAsync(TotpKey key, CancellationToken cancellationToken)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        var account = new AccountKey(key.Issuer, key.AccountName);
        var secret = await _protector.ProtectAsync(account, key, cancellationToken).ConfigureAwait(false);
        await _table.ReplaceSecretAsync(account, secret, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Encrypts the account's plaintext (STSFTW) secret with the KMS key in place: the same secret, so the device keeps
    /// working, and the replay and lock state are kept.
    /// </summary>
    /// <exception cref="AdminSetupException">No KMS key is configured.</exception>
    /// <exception cref="EnrollmentNotFoundException">The account is not enrolled.</exception>
    public async Task<SecretEncryption> EncryptPlaintextSecretAsync(AccountKey account, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (_kms is null) throw new AdminSetupException("Encrypting a secret needs a KMS key: pass -KmsKeyId or set $env:STS_KMS_KEY_ID.");

        var entry = await _table.GetAsync(account, cancellationToken).ConfigureAwait(false) ?? throw new EnrollmentNotFoundException(account);
        if (entry.Secret.HasCiphertext) return SecretEncryption.AlreadyEncrypted;
        var plaintext = entry.Secret.OtpAuthUri;
        if (LegacyUrlSecret.Read(plaintext) is not { } secret) return SecretEncryption.NoUsableSecret;

        var protectedSecret = await _protector.ProtectAsync(account, new TotpKey(account.Issuer, account.AccountName, secret), cancellationToken).ConfigureAwait(false);
        var written = await _table.EncryptPlaintextSecretAsync(account, plaintext!, protectedSecret.Ciphertext!, cancellationToken).ConfigureAwait(false);
        return written ? SecretEncryption.Encrypted : SecretEncryption.ChangedMeanwhile;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dynamoDb.Dispose();
        _kms?.Dispose();
    }
}
