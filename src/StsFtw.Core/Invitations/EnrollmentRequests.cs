namespace StsFtw.Core.Invitations;

/// <summary>An untrusted request to redeem an invitation (<c>POST /enrollment/start</c>).</summary>
/// <param name="Issuer">The issuer.</param>
/// <param name="AccountName">The account.</param>
/// <param name="InvitationCode">The invitation code as pasted.</param>
/// <param name="CurrentCode">For a rotation, a current code of the old device; null otherwise.</param>
public sealed record StartEnrollmentRequest(string? Issuer, string? AccountName, string? InvitationCode, string? CurrentCode)
{
    /// <inheritdoc />
    public override string ToString() => $"StartEnrollmentRequest {{ Issuer = {Issuer}, AccountName = {AccountName}, InvitationCode = [redacted] }}";
}

/// <summary>An untrusted request to confirm a redeemed invitation with two consecutive codes (<c>POST /enrollment/confirm</c>).</summary>
/// <param name="Issuer">The issuer.</param>
/// <param name="AccountName">The account.</param>
/// <param name="InvitationCode">The invitation code as pasted.</param>
/// <param name="FirstCode">A code of the new secret.</param>
/// <param name="SecondCode">The code of the step after <paramref name="FirstCode"/>'s.</param>
public sealed record ConfirmEnrollmentRequest(string? Issuer, string? AccountName, string? InvitationCode, string? FirstCode, string? SecondCode)
{
    /// <inheritdoc />
    public override string ToString() => $"ConfirmEnrollmentRequest {{ Issuer = {Issuer}, AccountName = {AccountName}, InvitationCode = [redacted] }}";
}
