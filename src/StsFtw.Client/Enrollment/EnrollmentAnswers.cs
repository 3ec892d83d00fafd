using StsFtw.Core.Totp;

namespace StsFtw.Client.Enrollment;

/// <summary>
/// Start's answer: the new, not yet confirmed key, for this person's authenticator only. <see cref="ToString"/> hides
/// the secret; show <see cref="Key"/> as a QR code, never in a log.
/// </summary>
/// <param name="Issuer">The issuer, as asked.</param>
/// <param name="AccountName">The account, as asked.</param>
/// <param name="Key">The pending key (its issuer and account are the ones asked for).</param>
/// <param name="ExpiresAt">Confirm before this.</param>
public sealed record PendingEnrollment(string Issuer, string AccountName, TotpKey Key, DateTimeOffset ExpiresAt)
{
    /// <inheritdoc />
    public override string ToString() => $"PendingEnrollment {{ Issuer = {Issuer}, AccountName = {AccountName}, Key = [redacted], ExpiresAt = {ExpiresAt:u} }}";
}

/// <summary>Confirm's answer: the new device is the account's active one.</summary>
/// <param name="Issuer">The issuer, as asked.</param>
/// <param name="AccountName">The account, as asked.</param>
/// <param name="Rotation">True when the new device replaced an old one.</param>
public sealed record EnrollmentConfirmation(string Issuer, string AccountName, bool Rotation);
