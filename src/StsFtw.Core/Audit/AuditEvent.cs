using StsFtw.Core.Accounts;
using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Audit;

/// <summary>Something the admins must hear about. None of them carries a code, a secret or a credential.</summary>
public abstract record AuditEvent(DateTimeOffset Time, AccountKey Account, RequestContext Request);

/// <summary>Credentials are being minted for <see cref="AuditEvent.Account"/> (published before they are returned).</summary>
public sealed record CredentialsMinted(
    DateTimeOffset Time, AccountKey Account, RequestContext Request, string Role, string? SecondaryAccountName, int DurationSeconds)
    : AuditEvent(Time, Account, Request);

/// <summary>A mint that was announced did not happen after all (STS failed): no credentials left the broker.</summary>
public sealed record MintFailed(
    DateTimeOffset Time, AccountKey Account, RequestContext Request, string Role, string? SecondaryAccountName, string Reason)
    : AuditEvent(Time, Account, Request);

/// <summary>A request was refused after its names were valid: wrong or replayed code, unknown account, role or co-signer not permitted.</summary>
public sealed record RequestRefused(
    DateTimeOffset Time, AccountKey Account, RequestContext Request, string? Role, string? SecondaryAccountName, string Reason)
    : AuditEvent(Time, Account, Request);

/// <summary>
/// <see cref="AuditEvent.Account"/> went past a failure limit (<see cref="FailedAttempts"/> consecutive failures, or that many in the
/// failure budget's window; <see cref="Cause"/> says which) and is locked until
/// <see cref="LockedUntil"/>; <see cref="AsSecondary"/> is true when the failures were as a co-signer for
/// <see cref="PrimaryAccountName"/>.
/// </summary>
public sealed record AccountLocked(
    DateTimeOffset Time, AccountKey Account, RequestContext Request, DateTimeOffset LockedUntil, int FailedAttempts, bool AsSecondary, string? PrimaryAccountName)
    : AuditEvent(Time, Account, Request)
{
    /// <summary>Why the account was locked.</summary>
    public LockCause Cause { get; init; } = LockCause.ConsecutiveFailures;
}

/// <summary>
/// Wrong codes keep arriving for an enrolled account: <see cref="WindowFailures"/> failures since
/// <see cref="WindowStart"/>, of <see cref="Budget"/> tolerated before a lock. Published once per window (the counter
/// decides which request), never per failure (SECURITY.md rule 6).
/// </summary>
public sealed record FailedCodes(
    DateTimeOffset Time, AccountKey Account, RequestContext Request, int WindowFailures, DateTimeOffset WindowStart, int Budget, bool AsSecondary)
    : AuditEvent(Time, Account, Request);

/// <summary>
/// A person enrolled a device by invitation (published before it is activated, fail closed: docs/INVITATIONS.md).
/// <see cref="Rotation"/> when it replaces an active device; <see cref="LostDevice"/> when the admin waived the old
/// device's code.
/// </summary>
public sealed record DeviceEnrolled(DateTimeOffset Time, AccountKey Account, RequestContext Request, bool Rotation, bool LostDevice)
    : AuditEvent(Time, Account, Request);
