namespace StsFtw.Aws.DynamoDb;

/// <summary>
/// The attribute names of the auth table. The first five are STSFTW's (its Go backend wrote items with
/// <c>dynamodbattribute.MarshalMap</c>); the rest are StsFtw's additions, which STSFTW ignores.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Attribute</term><description>Type and meaning</description></listheader>
/// <item><term><c>issuer</c></term><description>S, hash key.</description></item>
/// <item><term><c>account_name</c></term><description>S, range key.</description></item>
/// <item><term><c>url</c></term><description>S, plaintext otpauth URI (legacy entries and tables without a KMS key).</description></item>
/// <item><term><c>roles</c></term><description>L of S. Read tolerantly: missing, <c>NULL</c> (a Go nil slice), L of S or SS.</description></item>
/// <item><term><c>secondary_authorization</c></term><description>L of S, read like <c>roles</c>.</description></item>
/// <item><term><c>totp_secret_ciphertext</c></term><description>B, the KMS ciphertext of the secret; wins over <c>url</c>.</description></item>
/// <item><term><c>last_time_step</c></term><description>N, the last accepted RFC 6238 time step (replay protection).</description></item>
/// <item><term><c>failed_attempts</c></term><description>N, consecutive failed attempts.</description></item>
/// <item><term><c>locked_until</c></term><description>N, Unix epoch seconds until which the account is locked.</description></item>
/// <item><term><c>consecutive_locks</c></term><description>N, locks since the last success; each doubles the next lock's length.</description></item>
/// <item><term><c>budget_failures</c></term><description>N, failures in the failure budget's window; a success does not clear them.</description></item>
/// <item><term><c>budget_window_start</c></term><description>N, Unix epoch seconds when that window opened (its first failure).</description></item>
/// <item><term><c>created_at</c>, <c>updated_at</c></term><description>S, ISO 8601 UTC with milliseconds (<c>2025-01-31T12:00:00.000Z</c>).</description></item>
/// <item><term><c>invitation_verifier</c></term><description>B, SHA-256 verifier of an invitation code (docs/INVITATIONS.md); never the code.</description></item>
/// <item><term><c>invitation_expires_at</c></term><description>N, Unix epoch seconds when the invitation (and its pending secret) dies.</description></item>
/// <item><term><c>invitation_lost_device</c></term><description>BOOL, true for a rotation that waives the old device's code.</description></item>
/// <item><term><c>pending_secret_ciphertext</c></term><description>B, the KMS ciphertext of a redeemed, unconfirmed secret.</description></item>
/// <item><term><c>revision</c></term><description>N, incremented by every admin write; guards read-modify-write (optimistic concurrency).</description></item>
/// </list>
/// Lists are always written as L of S (what STSFTW reads), an empty list as an empty L, never as NULL.
/// </remarks>
public static class AuthTableAttributes
{
    /// <summary>Hash key (S).</summary>
    public const string Issuer = "issuer";

    /// <summary>Range key (S).</summary>
    public const string AccountName = "account_name";

    /// <summary>Plaintext otpauth URI (S), STSFTW's secret form.</summary>
    public const string Url = "url";

    /// <summary>Role names or ARNs (L of S).</summary>
    public const string Roles = "roles";

    /// <summary>Account names that may co-sign (L of S).</summary>
    public const string SecondaryAuthorization = "secondary_authorization";

    /// <summary>KMS ciphertext of the TOTP secret (B).</summary>
    public const string TotpSecretCiphertext = "totp_secret_ciphertext";

    /// <summary>Last accepted time step (N).</summary>
    public const string LastTimeStep = "last_time_step";

    /// <summary>Consecutive failed attempts (N).</summary>
    public const string FailedAttempts = "failed_attempts";

    /// <summary>
    /// A random token naming the last request-path write (S), so that a write the SDK retried after an ambiguous
    /// failure (a timeout or dropped connection after DynamoDB applied it) recognises its own earlier attempt.
    /// </summary>
    public const string WriteToken = "write_token";

    /// <summary>Lock end, Unix epoch seconds (N).</summary>
    public const string LockedUntil = "locked_until";

    /// <summary>Locks since the last success (N).</summary>
    public const string ConsecutiveLocks = "consecutive_locks";

    /// <summary>Failures in the failure budget's window (N); a success does not clear them.</summary>
    public const string BudgetFailures = "budget_failures";

    /// <summary>When the failure budget's window opened, Unix epoch seconds (N).</summary>
    public const string BudgetWindowStart = "budget_window_start";

    /// <summary>Enrollment stamp (S, ISO 8601 UTC).</summary>
    public const string CreatedAt = "created_at";

    /// <summary>Last admin change stamp (S, ISO 8601 UTC).</summary>
    public const string UpdatedAt = "updated_at";

    /// <summary>Admin write counter (N) for optimistic concurrency.</summary>
    public const string Revision = "revision";

    /// <summary>SHA-256 verifier of an invitation code (B).</summary>
    public const string InvitationVerifier = "invitation_verifier";

    /// <summary>When the invitation expires, Unix epoch seconds (N).</summary>
    public const string InvitationExpiresAt = "invitation_expires_at";

    /// <summary>The invitation replaces a lost device (BOOL, only written when true).</summary>
    public const string InvitationLostDevice = "invitation_lost_device";

    /// <summary>KMS ciphertext of a redeemed, unconfirmed secret (B).</summary>
    public const string PendingSecretCiphertext = "pending_secret_ciphertext";
}
