namespace StsFtw.Lambda.Configuration;

/// <summary>
/// The environment variables the backend reads. <c>STS_TABLE_NAME</c> and <c>STS_SNS_ARN</c> are the names STSFTW's
/// function already used, so an existing deployment keeps its configuration. Bounds and defaults live in
/// <see cref="SettingCatalog"/>, which the reader enforces and <c>bootstrap --help</c> prints.
/// </summary>
public static class SettingNames
{
    /// <summary>The DynamoDB auth table (required).</summary>
    public const string TableName = "STS_TABLE_NAME";

    /// <summary>The SNS audit topic ARN (required).</summary>
    public const string AuditTopicArn = "STS_SNS_ARN";

    /// <summary>The KMS key that protects TOTP secrets (optional: without it only STSFTW's plaintext entries verify).</summary>
    public const string KmsKeyId = "STS_KMS_KEY_ID";

    /// <summary>
    /// <c>true</c> refuses STSFTW's plaintext <c>url</c> entries, so only KMS ciphertexts authenticate (requires
    /// <see cref="KmsKeyId"/>).
    /// </summary>
    public const string RequireEncryptedSecrets = "STS_REQUIRE_ENCRYPTED_SECRETS";

    /// <summary>Consecutive failures tolerated before the next one locks the account.</summary>
    public const string LockoutFailureLimit = "STS_LOCKOUT_FAILURE_LIMIT";

    /// <summary>How long the first lock lasts, in seconds.</summary>
    public const string LockoutSeconds = "STS_LOCKOUT_SECONDS";

    /// <summary>
    /// The longest lock, in seconds: each lock without a success in between lasts twice as long as the one before,
    /// up to this (at least <see cref="LockoutSeconds"/>; equal to it for locks that never grow).
    /// </summary>
    public const string LockoutMaximumSeconds = "STS_LOCKOUT_MAX_SECONDS";

    /// <summary>Failures tolerated per window, whatever the successes; the next one locks until the window closes.</summary>
    public const string FailureBudget = "STS_FAILURE_BUDGET";

    /// <summary>The failure budget's window, in seconds, from its first failure.</summary>
    public const string FailureBudgetWindowSeconds = "STS_FAILURE_BUDGET_WINDOW_SECONDS";

    /// <summary>Session length when a request names none, in seconds (at most <see cref="MaximumDurationSeconds"/>).</summary>
    public const string DefaultDurationSeconds = "STS_DEFAULT_DURATION_SECONDS";

    /// <summary>Longest session a request may ask for, in seconds.</summary>
    public const string MaximumDurationSeconds = "STS_MAX_DURATION_SECONDS";

    /// <summary>The role ARN, or ARN prefix ending in <c>*</c>, every role must resolve into, e.g. <c>arn:aws:iam::123456789012:role/stsftw/*</c> (unset: role names only).</summary>
    public const string AllowedRoleArns = "STS_ALLOWED_ROLE_ARNS";

    /// <summary>The region (required; Lambda sets it itself, the local mode needs it set).</summary>
    public const string Region = "AWS_REGION";

    /// <summary>The Runtime API's host and port (set by Lambda itself).</summary>
    public const string RuntimeApi = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The X-Ray trace header of the current invocation; the AWS SDK forwards it.</summary>
    public const string TraceId = "_X_AMZN_TRACE_ID";
}
