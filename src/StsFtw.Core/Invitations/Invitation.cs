namespace StsFtw.Core.Invitations;

/// <summary>An open invitation as the table holds it: the code's verifier, its expiry, and whether it replaces a lost device.</summary>
public sealed record Invitation(byte[] Verifier, DateTimeOffset ExpiresAt, bool LostDevice)
{
    /// <summary>True while the invitation may be redeemed or confirmed.</summary>
    public bool IsOpenAt(DateTimeOffset now) => now < ExpiresAt;

    /// <inheritdoc />
    public override string ToString() => $"Invitation {{ ExpiresAt = {ExpiresAt:O}, LostDevice = {LostDevice} }}";
}
