using StsFtw.Core.Accounts;

namespace StsFtw.Core.Invitations;

/// <summary>
/// The auth table as invitations use it. Each write is one conditional write on the account's item, so racing
/// requests (across Lambda instances) cannot both win. Failures surface as
/// <see cref="Dependencies.DependencyFailureException"/> for <see cref="Dependencies.Dependency.AuthTable"/>.
/// </summary>
public interface IInvitationStore
{
    /// <summary>
    /// Admin path: writes the grant's roles, co-signers and invitation, creating the item when absent and dropping
    /// any pending secret of an earlier invitation. An active device is left in place (a rotation).
    /// </summary>
    Task CreateInvitationAsync(InvitationGrant grant, CancellationToken cancellationToken);

    /// <summary>Reads the account's item (consistent read); null when there is none.</summary>
    Task<EnrollmentState?> GetAsync(AccountKey account, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="pendingCiphertext"/> only if the item still holds <paramref name="verifier"/>, the
    /// invitation is open at <paramref name="now"/>, no pending secret exists and the account is not locked.
    /// False (nothing written) otherwise.
    /// </summary>
    Task<bool> TryStorePendingAsync(AccountKey account, byte[] verifier, byte[] pendingCiphertext, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// One write: only if the item still holds <paramref name="verifier"/>, an open invitation, exactly
    /// <paramref name="pendingCiphertext"/>, no later accepted step than <paramref name="timeStep"/> and no lock in
    /// force, the pending secret becomes the active one (any plaintext <c>url</c> goes), the invitation is consumed,
    /// <paramref name="timeStep"/> is the last accepted step, and the failure counts and lock level are reset.
    /// False (nothing written) otherwise.
    /// </summary>
    Task<bool> TryActivateAsync(AccountKey account, byte[] verifier, byte[] pendingCiphertext, long timeStep, DateTimeOffset now, CancellationToken cancellationToken);
}
