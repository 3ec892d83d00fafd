namespace StsFtw.PowerShell.Output;

/// <summary>
/// An invitation as New-StsInvitation outputs it: the code the admin sends to the person (the one thing they need),
/// until when it works, and the access it grants. The table keeps only the code's verifier; this object is the only
/// place the code ever appears, so do not log it.
/// </summary>
public sealed class StsInvitation
{
    /// <summary>The issuer (the table's hash key).</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The account name (the table's range key).</summary>
    public string AccountName { get; set; } = string.Empty;

    /// <summary>The invitation code (<c>inv1-…</c>) to send to the person over a channel that authenticates them.</summary>
    public string InvitationCode { get; set; } = string.Empty;

    /// <summary>Until when (UTC) the invitation, and a device redeemed from it but not yet confirmed, works.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>True when the account already has a device, which keeps working until the new one is confirmed.</summary>
    public bool Rotation { get; set; }

    /// <summary>True when the person may replace their device without a code of the old one.</summary>
    public bool LostDevice { get; set; }

    /// <summary>Role names or ARNs the person may assume.</summary>
    public string[] Roles { get; set; } = Array.Empty<string>();

    /// <summary>Accounts (same issuer) of whom one must co-sign; empty when nobody needs to.</summary>
    public string[] SecondaryAuthorizers { get; set; } = Array.Empty<string>();

    /// <summary>The DynamoDB auth table.</summary>
    public string TableName { get; set; } = string.Empty;

    /// <inheritdoc />
    public override string ToString() => $"{Issuer}/{AccountName}";
}
