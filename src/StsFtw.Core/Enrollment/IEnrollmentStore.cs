using StsFtw.Core.Accounts;

namespace StsFtw.Core.Enrollment;

/// <summary>The auth table as admins use it: enroll, inspect, change and remove people.</summary>
/// <remarks>
/// Writes are conditional so they land whole or not at all and never resurrect or clobber an entry by accident.
/// Transport failures surface as <see cref="Dependencies.DependencyFailureException"/>.
/// </remarks>
public interface IEnrollmentStore
{
    /// <summary>
    /// Writes a new entry. Throws <see cref="EnrollmentExistsException"/> when the account is already enrolled,
    /// unless <paramref name="overwrite"/> is set (then the old entry, its replay and lock state included, is replaced).
    /// </summary>
    Task CreateAsync(AuthEntry entry, bool overwrite, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a new entry over an item that holds no device (only an invitation, or nothing at all), replacing it whole:
    /// the invitation and any pending secret go in the same write (SECURITY.md rule I12). Throws
    /// <see cref="EnrollmentExistsException"/> when the item holds a device by the time of the write, such as one the
    /// person activated from the invitation meanwhile; nothing is written then.
    /// </summary>
    Task EnrollInvitedAsync(AuthEntry entry, CancellationToken cancellationToken);

    /// <summary>Reads one entry (consistent read); null when absent.</summary>
    Task<AuthEntry?> GetAsync(AccountKey account, CancellationToken cancellationToken);

    /// <summary>
    /// One page of entries, of one issuer (a Query) or of the whole table (a Scan — admin path only), in key order
    /// within an issuer. Pass the returned <see cref="EnrollmentPage.ContinuationToken"/> to read on.
    /// </summary>
    Task<EnrollmentPage> ListAsync(string? issuer, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>
    /// Changes roles and/or secondary authorizers (a null change leaves that list alone) and returns the entry as
    /// written. Read-modify-write guarded by the entry's revision: a concurrent admin change is retried, never lost.
    /// Throws <see cref="EnrollmentNotFoundException"/> when the account is not enrolled.
    /// </summary>
    Task<AuthEntry> UpdateAccessAsync(AccountKey account, ListChange? roles, ListChange? secondaryAuthorizers, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the device (a new secret): also forgets the last accepted step, the failure count and any lock, and
    /// ends an outstanding invitation and its pending secret in the same write (SECURITY.md rule I12). Throws
    /// <see cref="EnrollmentNotFoundException"/> when the account is not enrolled and
    /// <see cref="EnrollmentHasNoDeviceException"/> when its item holds no device to replace (only an invitation);
    /// nothing is written then.
    /// </summary>
    Task ReplaceSecretAsync(AccountKey account, StoredSecret secret, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces STSFTW's plaintext <c>url</c> with <paramref name="ciphertext"/> of the same secret, keeping the last
    /// accepted step, the failure count and any lock, so the device keeps working and no used code becomes valid again.
    /// Writes only if the entry still holds exactly <paramref name="expectedOtpAuthUri"/> and no ciphertext; returns
    /// false (nothing written) otherwise.
    /// </summary>
    Task<bool> EncryptPlaintextSecretAsync(AccountKey account, string expectedOtpAuthUri, byte[] ciphertext, CancellationToken cancellationToken);

    /// <summary>Clears the lock and the failure count. Returns false when the account is not enrolled.</summary>
    Task<bool> UnlockAsync(AccountKey account, CancellationToken cancellationToken);

    /// <summary>Deletes the entry. Returns false when it did not exist.</summary>
    Task<bool> DeleteAsync(AccountKey account, CancellationToken cancellationToken);
}
