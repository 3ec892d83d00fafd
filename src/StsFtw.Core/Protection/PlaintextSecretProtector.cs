using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;

namespace StsFtw.Core.Protection;

/// <summary>
/// For tables without a KMS key: stores the otpauth URI in the <c>url</c> attribute, exactly as STSFTW did.
/// </summary>
/// <remarks>It cannot open ciphertexts, so an entry written with a key never authenticates without it (fail closed).</remarks>
public sealed class PlaintextSecretProtector : ISecretProtector
{
    /// <inheritdoc />
    public Task<StoredSecret> ProtectAsync(AccountKey account, TotpKey key, CancellationToken cancellationToken) =>
        Task.FromResult(new StoredSecret(key.ToUri(), null));

    /// <inheritdoc />
    public Task<TotpSecret?> RevealAsync(AccountKey account, StoredSecret stored, CancellationToken cancellationToken) =>
        Task.FromResult(stored.HasCiphertext ? null : LegacyUrlSecret.Read(stored.OtpAuthUri));
}
