using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;

namespace StsFtw.Aws.Kms;

/// <summary>
/// Protects TOTP secrets with a KMS key. The ciphertext is bound to its entry by the encryption context
/// <c>{ "issuer": ..., "account_name": ... }</c>, so a ciphertext copied into another entry does not open.
/// </summary>
/// <remarks>
/// Entries without a ciphertext (STSFTW's plaintext <c>url</c>) keep working unless the
/// <see cref="PlaintextSecretPolicy"/> refuses them. A ciphertext KMS refuses as invalid
/// or bound elsewhere reveals nothing (the entry never authenticates); KMS being unavailable, disabled or refusing
/// access throws <see cref="DependencyFailureException"/> with <see cref="Dependency.SecretKey"/>. The broker's
/// decoy for unknown accounts is a random ciphertext, which takes the same KMS round trip and returns null.
/// The function needs <c>kms:Encrypt</c> (enrollment only) and <c>kms:Decrypt</c> on the key, ideally
/// conditioned on <c>kms:EncryptionContextKeys</c>.
/// </remarks>
public sealed class KmsSecretProtector : ISecretProtector
{
    /// <summary>Encryption context key holding the issuer.</summary>
    public const string IssuerContextKey = "issuer";

    /// <summary>Encryption context key holding the account name.</summary>
    public const string AccountNameContextKey = "account_name";

    private readonly IAmazonKeyManagementService _kms;
    private readonly string _keyId;
    private readonly PlaintextSecretPolicy _plaintext;

    /// <summary>Creates the protector.</summary>
    /// <param name="kms">The KMS client (see <see cref="KmsClientFactory"/>); the caller owns it.</param>
    /// <param name="keyId">The key id, key ARN, alias name (<c>alias/...</c>) or alias ARN.</param>
    /// <param name="plaintext">Whether STSFTW's plaintext <c>url</c> entries may still authenticate.</param>
    public KmsSecretProtector(IAmazonKeyManagementService kms, string keyId, PlaintextSecretPolicy plaintext = PlaintextSecretPolicy.Accept)
    {
        _kms = kms ?? throw new ArgumentNullException(nameof(kms));
        if (string.IsNullOrWhiteSpace(keyId)) throw new ArgumentException("A KMS key id, ARN or alias is required.", nameof(keyId));
        if (plaintext is not (PlaintextSecretPolicy.Accept or PlaintextSecretPolicy.Refuse)) throw new ArgumentOutOfRangeException(nameof(plaintext));
        _keyId = keyId.Trim();
        _plaintext = plaintext;
    }

    /// <summary>The key this protector encrypts with and requires for decryption.</summary>
    public string KeyId => _keyId;

    /// <inheritdoc />
    public async Task<StoredSecret> ProtectAsync(AccountKey account, TotpKey key, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (key is null) throw new ArgumentNullException(nameof(key));

        var plaintext = key.Secret.ToBytes();
        try
        {
            var request = new EncryptRequest
            {
                KeyId = _keyId,
                Plaintext = new MemoryStream(plaintext, writable: false),
                EncryptionContext = EncryptionContext(account),
            };
            EncryptResponse response;
            try
            {
                response = await _kms.EncryptAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (AwsFailure.IsDependencyFailure(exception, cancellationToken))
            {
                throw Translate(exception, "Encrypt");
            }

            var ciphertext = response.CiphertextBlob?.ToArray();
            if (ciphertext is not { Length: > 0 })
            {
                throw new DependencyFailureException(Dependency.SecretKey, $"KMS Encrypt with {_keyId} returned no ciphertext.");
            }
            return new StoredSecret(null, ciphertext);
        }
        finally
        {
            Array.Clear(plaintext, 0, plaintext.Length);
        }
    }

    /// <inheritdoc />
    public async Task<TotpSecret?> RevealAsync(AccountKey account, StoredSecret stored, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (stored is null) throw new ArgumentNullException(nameof(stored));
        if (!stored.HasCiphertext)
        {
            return _plaintext == PlaintextSecretPolicy.Accept ? LegacyUrlSecret.Read(stored.OtpAuthUri) : null;
        }

        var request = new DecryptRequest
        {
            KeyId = _keyId,
            CiphertextBlob = new MemoryStream(stored.Ciphertext!, writable: false),
            EncryptionContext = EncryptionContext(account),
        };
        DecryptResponse response;
        try
        {
            response = await _kms.DecryptAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidCiphertextException or IncorrectKeyException)
        {
            // Not this entry's ciphertext (another account's context, another key, or the broker's random decoy).
            return null;
        }
        catch (Exception exception) when (AwsFailure.IsDependencyFailure(exception, cancellationToken))
        {
            throw Translate(exception, "Decrypt");
        }

        return ToSecret(response.Plaintext);
    }

    private static TotpSecret? ToSecret(MemoryStream? plaintext)
    {
        if (plaintext is null) return null;
        var bytes = plaintext.ToArray();
        try
        {
            var usable = bytes.Length >= TotpSecret.MinimumLengthBytes && bytes.Length <= TotpSecret.MaximumLengthBytes;
            return usable ? TotpSecret.FromBytes(bytes) : null;
        }
        finally
        {
            Array.Clear(bytes, 0, bytes.Length);
            if (plaintext.TryGetBuffer(out var buffer) && buffer.Array is not null)
            {
                Array.Clear(buffer.Array, buffer.Offset, buffer.Count);
            }
            plaintext.Dispose();
        }
    }

    private static Dictionary<string, string> EncryptionContext(AccountKey account) => new(StringComparer.Ordinal)
    {
        [IssuerContextKey] = account.Issuer,
        [AccountNameContextKey] = account.AccountName,
    };


    private DependencyFailureException Translate(Exception exception, string operation) =>
        AwsFailure.ToDependencyFailure(Dependency.SecretKey, $"KMS {operation} with {_keyId} failed", exception);
}
