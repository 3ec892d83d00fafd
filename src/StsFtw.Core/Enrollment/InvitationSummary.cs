namespace StsFtw.Core.Enrollment;

/// <summary>
/// What an admin may see of an account's outstanding invitation (docs/INVITATIONS.md, "The table"): when it expires,
/// whether it replaces a lost device, and whether it was redeemed (a pending secret waits for its two codes). Never
/// its verifier or the pending secret.
/// </summary>
public sealed record InvitationSummary(DateTimeOffset ExpiresAt, bool LostDevice, bool Redeemed)
{
    /// <summary><c>Open</c>, <c>Redeemed</c> (waiting for the two codes) or <c>Expired</c> at <paramref name="now"/>.</summary>
    public string StateAt(DateTimeOffset now) => ExpiresAt <= now ? "Expired" : Redeemed ? "Redeemed" : "Open";
}

/// <summary>An account's status as the admin cmdlets show it.</summary>
public static class EnrollmentStatus
{
    /// <summary>
    /// <c>Active</c> (it has a device), <c>Invited</c> (no device yet, an invitation open or redeemed),
    /// <c>InvitationExpired</c> (no device, the invitation ran out: invite again), or <c>NoSecret</c> (neither).
    /// </summary>
    public static string Of(AuthEntry entry, DateTimeOffset now)
    {
        if (entry is null) throw new ArgumentNullException(nameof(entry));
        if (!entry.Secret.IsEmpty) return "Active";
        if (entry.Invitation is not { } invitation) return "NoSecret";
        return invitation.ExpiresAt > now ? "Invited" : "InvitationExpired";
    }
}
