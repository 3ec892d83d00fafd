namespace StsFtw.Core.Broker;

/// <summary>Why a request was refused, as the client may learn it. One place maps these to HTTP statuses and ErrorRecords.</summary>
public enum RefusalReason
{
    /// <summary>A field is missing, too long, or malformed (400).</summary>
    InvalidRequest,

    /// <summary>Unknown account, wrong, replayed or unusable code — deliberately indistinguishable (401).</summary>
    AuthenticationFailed,

    /// <summary>The primary's entry lists co-signers but the request named none (403).</summary>
    SecondaryRequired,

    /// <summary>The named co-signer is not in the primary's list, or is the primary (403).</summary>
    SecondaryNotPermitted,

    /// <summary>The role is not in the primary's entry, or is an ARN the deployment does not allow (403).</summary>
    RoleNotPermitted,

    /// <summary>The account (or the co-signer) is locked after repeated failures (429, with Retry-After).</summary>
    AccountLocked,
}
