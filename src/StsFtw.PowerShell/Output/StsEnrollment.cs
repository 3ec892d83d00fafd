namespace StsFtw.PowerShell.Output;

/// <summary>
/// One enrolled person as the admin cmdlets show it. It never carries the TOTP secret: <see cref="SecretStorage"/>
/// only says how the secret is kept.
/// </summary>
public sealed class StsEnrollment
{
    /// <summary>The issuer (the table's hash key).</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The account name (the table's range key).</summary>
    public string AccountName { get; set; } = string.Empty;

    /// <summary>Role names or ARNs the person may assume.</summary>
    public string[] Roles { get; set; } = Array.Empty<string>();

    /// <summary>Accounts (same issuer) of whom one must co-sign; empty when nobody needs to.</summary>
    public string[] SecondaryAuthorizers { get; set; } = Array.Empty<string>();

    /// <summary><c>Kms</c> (encrypted with KMS), <c>Plaintext</c> (STSFTW's <c>url</c> attribute) or <c>None</c> (cannot authenticate).</summary>
    public string SecretStorage { get; set; } = "None";

    /// <summary>Active (it has a device), Invited (no device yet, an invitation outstanding), InvitationExpired (invite again) or NoSecret.</summary>
    public string Status { get; set; } = "NoSecret";

    /// <summary>The outstanding invitation: None, Open, Redeemed (waiting for the person's two codes) or Expired; on an Active account, a rotation.</summary>
    public string Invitation { get; set; } = "None";

    /// <summary>When the outstanding invitation expires (UTC); null when there is none.</summary>
    public DateTime? InvitationExpiresAt { get; set; }

    /// <summary>True when the account is locked now.</summary>
    public bool IsLocked { get; set; }

    /// <summary>Until when the account is locked (UTC), or null.</summary>
    public DateTime? LockedUntil { get; set; }

    /// <summary>Consecutive failed attempts since the last success.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>The start (UTC) of the 30-second step of the last accepted code, or null before the first.</summary>
    public DateTime? LastUsed { get; set; }

    /// <summary>When the entry was enrolled (UTC); null for entries written by STSFTW.</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>When an admin last changed the entry (UTC).</summary>
    public DateTime? UpdatedAt { get; set; }

    /// <summary>The auth table the entry is in.</summary>
    public string TableName { get; set; } = string.Empty;

    /// <inheritdoc />
    public override string ToString() => $"{Issuer}/{AccountName}";
}
