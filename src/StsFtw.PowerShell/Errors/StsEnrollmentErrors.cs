using System.Management.Automation;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.PowerShell.Engine;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Errors;

/// <summary>The error ids of the *-StsEnrollment cmdlets, and the one mapping from admin failures to error records.</summary>
public static class StsEnrollmentErrors
{
    /// <summary>A required setting is missing (parameter and STS_* variable).</summary>
    public const string MissingSetting = "StsEnrollment.MissingSetting";

    /// <summary>An input is malformed.</summary>
    public const string InvalidInput = "StsEnrollment.InvalidInput";

    /// <summary>The AWS clients could not be set up (region, credentials).</summary>
    public const string AwsSetupFailed = "StsEnrollment.AwsSetupFailed";

    /// <summary>No AWS credentials were found to call the table or the key with (no profile, keys or role).</summary>
    public const string NoAwsCredentials = "StsEnrollment.NoAwsCredentials";

    /// <summary>The auth table could not be read or written.</summary>
    public const string TableUnavailable = "StsEnrollment.TableUnavailable";

    /// <summary>The KMS key could not be used.</summary>
    public const string KeyUnavailable = "StsEnrollment.KeyUnavailable";

    /// <summary>The account is already enrolled and -Force was not given.</summary>
    public const string AlreadyExists = "StsEnrollment.AlreadyExists";

    /// <summary>The account is not enrolled.</summary>
    public const string NotFound = "StsEnrollment.NotFound";

    /// <summary>The two codes did not prove the new device; nothing was written.</summary>
    public const string DeviceNotVerified = "StsEnrollment.DeviceNotVerified";

    /// <summary>Codes were needed and the session cannot prompt (use -NoPrompt for scripts).</summary>
    public const string NoInteractiveHost = "StsEnrollment.NoInteractiveHost";

    /// <summary>-QrCodePath is not a .png or .svg path, or could not be written.</summary>
    public const string QrCodeFileFailed = "StsEnrollment.QrCodeFileFailed";

    /// <summary>-EncryptSecret found no usable plaintext secret to encrypt (rotate the device instead).</summary>
    public const string NoUsableSecret = "StsEnrollment.NoUsableSecret";

    /// <summary>The entry changed while it was being written; nothing was written.</summary>
    public const string ChangedMeanwhile = "StsEnrollment.ChangedMeanwhile";

    /// <summary>No KMS key and no -AllowPlaintextSecret: the secret would be stored in plaintext; nothing was written.</summary>
    public const string PlaintextSecretRefused = "StsEnrollment.PlaintextSecretRefused";

    /// <summary>The entry's secret is a KMS ciphertext and no key was given: replacing it would store plaintext; nothing was written.</summary>
    public const string CiphertextWouldBeDropped = "StsEnrollment.CiphertextWouldBeDropped";

    /// <summary>A transcript is running and -AllowTranscript was not given: the secret would be copied into it; nothing was written.</summary>
    public const string TranscriptRunning = "StsEnrollment.TranscriptRunning";

    /// <summary>The change would leave no co-signer (the two-person rule would end) and -AllowNoSecondaryAuthorizer was not given.</summary>
    public const string LastCosignerRemoved = "StsEnrollment.LastCosignerRemoved";

    /// <summary>-RotateDevice on an account whose item holds no device (only an invitation); nothing was written.</summary>
    public const string NoDeviceToRotate = "StsEnrollment.NoDeviceToRotate";

    /// <summary>The error record for an exception from settings, the engine or the store; null for one it does not know.</summary>
    internal static ErrorRecord? For(Exception exception, object? target) => exception switch
    {
        MissingSettingsException e => ErrorRecords.Create(MissingSetting, ErrorCategory.InvalidArgument, e, target),
        InvalidSettingException e => ErrorRecords.Create(InvalidInput, ErrorCategory.InvalidArgument, e, target),
        EnrollmentRefusedException e => ErrorRecords.Create(e.ErrorId, e.Category, e, target, e.RecommendedAction),
        AdminSetupException e => ErrorRecords.Create(AwsSetupFailed, ErrorCategory.InvalidOperation, e, target,
            "Set -Region (or $env:STS_REGION / $env:AWS_REGION) and AWS credentials for the account that holds the table."),
        EnrollmentExistsException e => ErrorRecords.Create(AlreadyExists, ErrorCategory.ResourceExists, e, target,
            "Pass -Force to replace the entry (the old device stops working)."),
        EnrollmentNotFoundException e => ErrorRecords.Create(NotFound, ErrorCategory.ObjectNotFound, e, target),
        EnrollmentHasNoDeviceException e => NoDevice(e, target),
        DependencyFailureException { CredentialsMissing: true } e => NoCredentials(e, target),
        DependencyFailureException { Dependency: Dependency.SecretKey } e => ErrorRecords.Create(KeyUnavailable, ErrorCategory.ResourceUnavailable, e, target),
        DependencyFailureException e => ErrorRecords.Create(TableUnavailable, ErrorCategory.ResourceUnavailable, e, target),
        _ => null,
    };

    private const string EnrollInstead =
        "Enroll the account directly with New-StsEnrollment (no -Force needed: it has no device; its invitation stops " +
        "working), or let the person redeem the invitation with Register-StsDevice.";

    // SECURITY.md rule I12: there is no device to rotate, and a rotation must not end an invitation by the way.
    // InvalidOperation: the account exists, the operation does not apply to it; a retry cannot help.
    private static ErrorRecord NoDevice(EnrollmentHasNoDeviceException exception, object? target)
    {
        var record = new ErrorRecord(exception, NoDeviceToRotate, ErrorCategory.InvalidOperation, target);
        record.ErrorDetails = new ErrorDetails($"{exception.Message} Nothing was written. {EnrollInstead}") { RecommendedAction = EnrollInstead };
        return record;
    }

    private const string GiveCredentials =
        "Give this session AWS credentials for the account that holds the table: set $env:AWS_PROFILE to a profile of " +
        "~/.aws/config (after 'aws sso login' if it uses IAM Identity Center), or set $env:AWS_ACCESS_KEY_ID and " +
        "$env:AWS_SECRET_ACCESS_KEY (and $env:AWS_SESSION_TOKEN for temporary keys), or run where an instance or " +
        "container role provides them.";

    // AuthenticationError, deliberately: the session cannot authenticate to AWS, and what fixes it is credentials.
    // Not ObjectNotFound, which these cmdlets mean as "the account is not enrolled" (a script may take that as
    // "already removed"); not ResourceUnavailable, which says the table failed and invites a retry that cannot help.
    private static ErrorRecord NoCredentials(DependencyFailureException exception, object? target)
    {
        var record = new ErrorRecord(exception, NoAwsCredentials, ErrorCategory.AuthenticationError, target);
        record.ErrorDetails = new ErrorDetails($"{exception.Message}. {GiveCredentials}") { RecommendedAction = GiveCredentials };
        return record;
    }
}
