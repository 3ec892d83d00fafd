using StsFtw.Core.Accounts;

namespace StsFtw.Core.Invitations;

/// <summary>What an admin writes to invite one account: its access and the invitation (no secret, no code).</summary>
/// <param name="Account">The account; it may already have an active device (then this is a rotation).</param>
/// <param name="Roles">Role names or ARNs the account may assume.</param>
/// <param name="SecondaryAuthorizers">Accounts of whom one must co-sign; empty for none.</param>
/// <param name="Invitation">The verifier, expiry and lost-device switch.</param>
public sealed record InvitationGrant(AccountKey Account, IReadOnlyList<string> Roles, IReadOnlyList<string> SecondaryAuthorizers, Invitation Invitation)
{
    /// <summary>
    /// A new invitation: a fresh code (returned to show the admin once) and the grant to store.
    /// </summary>
    public static (InvitationCode Code, InvitationGrant Grant) Create(
        AccountKey account, IReadOnlyList<string> roles, IReadOnlyList<string> secondaryAuthorizers, DateTimeOffset now, TimeSpan? lifetime, bool lostDevice)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        var expires = InvitationExpiry.ExpiresAt(now, lifetime);
        var code = InvitationCode.Generate();
        return (code, new InvitationGrant(account, roles ?? Array.Empty<string>(), secondaryAuthorizers ?? Array.Empty<string>(),
            new Invitation(code.VerifierFor(account), expires, lostDevice)));
    }
}
