using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.PowerShell.Output;

namespace StsFtw.PowerShell.Enrollment;

/// <summary>Turns a stored entry into what the admin cmdlets output; the secret itself never leaves Core.</summary>
internal static class EnrollmentView
{
    public static StsEnrollment From(AuthEntry entry, string tableName, DateTimeOffset now) => new()
    {
        Issuer = entry.Account.Issuer,
        AccountName = entry.Account.AccountName,
        Roles = entry.Roles.ToArray(),
        SecondaryAuthorizers = entry.SecondaryAuthorizers.ToArray(),
        SecretStorage = entry.Secret.HasCiphertext ? "Kms" : entry.Secret.IsEmpty ? "None" : "Plaintext",
        Status = EnrollmentStatus.Of(entry, now),
        Invitation = entry.Invitation?.StateAt(now) ?? "None",
        InvitationExpiresAt = entry.Invitation?.ExpiresAt.UtcDateTime,
        IsLocked = entry.IsLockedAt(now),
        LockedUntil = entry.LockedUntil?.UtcDateTime,
        ConsecutiveFailures = entry.ConsecutiveFailures,
        LastUsed = entry.LastAcceptedTimeStep is { } step ? DateTimeOffset.FromUnixTimeSeconds(step * TotpKey.PeriodSeconds).UtcDateTime : null,
        CreatedAt = entry.CreatedAt?.UtcDateTime,
        UpdatedAt = entry.UpdatedAt?.UtcDateTime,
        TableName = tableName,
    };
}
