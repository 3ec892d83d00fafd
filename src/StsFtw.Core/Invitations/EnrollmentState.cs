using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Invitations;

/// <summary>An account's item as the enrollment routes read it: the entry, its open invitation and its pending secret.</summary>
/// <param name="Entry">The entry (its <see cref="AuthEntry.Secret"/> is the active device's, possibly none).</param>
/// <param name="Invitation">The invitation, or null when there is none.</param>
/// <param name="PendingCiphertext">The redeemed, unconfirmed secret (KMS ciphertext), or null.</param>
public sealed record EnrollmentState(AuthEntry Entry, Invitation? Invitation, byte[]? PendingCiphertext)
{
    /// <summary>True when the account already has a device (this invitation is a rotation).</summary>
    public bool HasActiveDevice => !Entry.Secret.IsEmpty;

    /// <inheritdoc />
    public override string ToString() => $"EnrollmentState {{ Account = {Entry.Account}, Invitation = {Invitation}, Pending = {(PendingCiphertext is null ? "none" : "[redacted]")} }}";
}
