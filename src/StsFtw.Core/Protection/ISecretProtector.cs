using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;

namespace StsFtw.Core.Protection;

/// <summary>
/// Protects TOTP secrets at rest (KMS with the account as encryption context) or, for tables without a key,
/// stores STSFTW's plaintext <c>url</c>.
/// </summary>
public interface ISecretProtector
{
    /// <summary>The form to store for <paramref name="key"/>'s secret in the account's entry.</summary>
    Task<StoredSecret> ProtectAsync(AccountKey account, TotpKey key, CancellationToken cancellationToken);

    /// <summary>
    /// The secret an entry holds, or <c>null</c> when it holds none that can be used (missing, empty, unparsable,
    /// a ciphertext this protector cannot open or one bound to another account): such an entry never
    /// authenticates. Throws <see cref="Dependencies.DependencyFailureException"/> when the key service is unavailable.
    /// </summary>
    Task<TotpSecret?> RevealAsync(AccountKey account, StoredSecret stored, CancellationToken cancellationToken);
}
