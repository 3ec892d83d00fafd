using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Totp;

namespace StsFtw.Core.Invitations;

/// <summary>What the enrollment broker decided for one request.</summary>
public abstract record EnrollmentOutcome;

/// <summary>The invitation was redeemed: <see cref="Key"/> is pending and goes to this person only.</summary>
/// <param name="Key">The new key; its URI holds the secret: never log it.</param>
/// <param name="ExpiresAt">Confirm before this.</param>
public sealed record EnrollmentStarted(TotpKey Key, DateTimeOffset ExpiresAt) : EnrollmentOutcome;

/// <summary>The pending secret is now the account's device; the enrollment was announced first.</summary>
public sealed record EnrollmentConfirmed(AccountKey Account, bool Rotation, bool LostDevice) : EnrollmentOutcome;

/// <summary>The request was refused.</summary>
/// <param name="Reason">What the client may learn.</param>
/// <param name="Message">Safe to show: never tells an unknown account from a wrong, expired or used code.</param>
/// <param name="Problems">For <see cref="EnrollmentRefusalReason.InvalidRequest"/>, one sentence per field.</param>
/// <param name="RetryAfter">For <see cref="EnrollmentRefusalReason.AccountLocked"/>.</param>
public sealed record EnrollmentRefusal(
    EnrollmentRefusalReason Reason, string Message, IReadOnlyList<string> Problems, TimeSpan? RetryAfter = null) : EnrollmentOutcome;

/// <summary>An outside service failed; nothing was activated.</summary>
public sealed record EnrollmentDependencyFailed(Dependency Dependency, string Message) : EnrollmentOutcome;

/// <summary>Why an enrollment request was refused, as the client may learn it (docs/INVITATIONS.md, "The wire").</summary>
public enum EnrollmentRefusalReason
{
    /// <summary>A field is missing or malformed (400).</summary>
    InvalidRequest,

    /// <summary>Unknown account, no invitation, wrong, expired or used code — deliberately one answer (401).</summary>
    InvitationNotValid,

    /// <summary>A rotation without a right current code of the old device (403).</summary>
    DeviceCodeRequired,

    /// <summary>Start on an invitation that already has a pending secret (409).</summary>
    AlreadyRedeemed,

    /// <summary>Confirm on an invitation that was not redeemed yet (409).</summary>
    NotRedeemed,

    /// <summary>The two codes are not consecutive codes of the pending secret (401).</summary>
    CodesNotValid,

    /// <summary>The account is locked after repeated failures (429).</summary>
    AccountLocked,
}
