using StsFtw.Core.Accounts;

namespace StsFtw.Core.Enrollment;

/// <summary>
/// One enrolled person in the auth table: what STSFTW stored (<c>issuer</c>, <c>account_name</c>, <c>url</c>,
/// <c>roles</c>, <c>secondary_authorization</c>) plus StsFtw's additive state for replay protection and throttling.
/// </summary>
public sealed record AuthEntry(AccountKey Account)
{
    /// <summary>Role names (or role ARNs) this person may assume.</summary>
    public IReadOnlyList<string> Roles { get; init; } = Array.Empty<string>();

    /// <summary>Account names (same issuer) of whom one must co-sign; empty means no second person is needed.</summary>
    public IReadOnlyList<string> SecondaryAuthorizers { get; init; } = Array.Empty<string>();

    /// <summary>The TOTP secret as stored.</summary>
    public StoredSecret Secret { get; init; } = StoredSecret.None;

    /// <summary>The last RFC 6238 time step accepted for this account (replay protection); null before the first.</summary>
    public long? LastAcceptedTimeStep { get; init; }

    /// <summary>Consecutive failed attempts since the last success or lock.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Locks set since the last success, new device or unlock; each makes the next one longer.</summary>
    public int ConsecutiveLocks { get; init; }

    /// <summary>Failures counted in the failure budget's window (<see cref="FailureBudget"/>); a success does not clear them.</summary>
    public int BudgetFailures { get; init; }

    /// <summary>When the failure budget's current window opened (its first failure); null before the first.</summary>
    public DateTimeOffset? BudgetWindowStart { get; init; }

    /// <summary>The account is refused without checking codes until this time (kept after it passes, for the lock's decay).</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>The account's outstanding invitation, as an admin may see it; null when there is none (or it was not read).</summary>
    public InvitationSummary? Invitation { get; init; }

    /// <summary>When the entry was enrolled (null for entries written by STSFTW).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When an admin last changed the entry (null for entries written by STSFTW).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>True when the account is locked at <paramref name="now"/>.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}
