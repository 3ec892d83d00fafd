using System.Management.Automation;
using StsFtw.Client.Enrollment;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.Core.Validation;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Engine;
using StsFtw.PowerShell.Enrollment;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Hosting;

/// <summary>
/// What the admin cmdlets share: the table and region parameters (with their STS_* defaults), one connection to
/// the table per invocation, and the mapping of admin failures to error records.
/// </summary>
public abstract class StsEnrollmentCmdlet : StsCmdlet
{
    private EnrollmentAdmin? _admin;
    private AdminConnection? _connection;

    /// <summary>The DynamoDB auth table. Default: $env:STS_TABLE_NAME.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? TableName { get; set; }

    /// <summary>The AWS region. Default: $env:STS_REGION, else the AWS SDK's own (AWS_REGION, profile).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>The account key from the bound (or defaulted) issuer and account name, checked against the input rules.</summary>
    internal static AccountKey AccountOf(string issuer, string accountName)
    {
        var problem = InputRules.CheckIssuer(issuer) ?? InputRules.CheckAccountName(accountName);
        return problem is null ? new AccountKey(issuer, accountName) : throw new InvalidSettingException(problem);
    }

    /// <summary>The admin over the table, connected on first use (and again only when the settings change).</summary>
    internal EnrollmentAdmin Connect(SettingsReader settings, string? kmsKeyId = null)
    {
        var tableName = settings.Required(TableName, nameof(TableName), StsVariables.TableName);
        var region = settings.Optional(Region, nameof(Region), StsVariables.Region);
        settings.ThrowIfMissing();
        var connection = new AdminConnection(tableName, region, kmsKeyId);
        if (_admin is null || _connection != connection)
        {
            _admin?.Dispose();
            _admin = null;
            _admin = EnrollmentAdmin.Connect(connection);
            _connection = connection;
        }
        return _admin;
    }

    /// <summary>
    /// Refuses to store a new secret in plaintext unless the admin said so (SECURITY.md, admin rule B1): without a KMS
    /// key the secret would sit in the table as STSFTW's <c>url</c>, readable by anyone who can read the table.
    /// </summary>
    internal static void RefusePlaintextUnlessAllowed(string? kmsKeyId, bool allowPlaintextSecret)
    {
        if (!string.IsNullOrEmpty(kmsKeyId) || allowPlaintextSecret) return;
        throw new EnrollmentRefusedException(StsEnrollmentErrors.PlaintextSecretRefused, ErrorCategory.SecurityError,
            "No KMS key was given, so the new TOTP secret would be stored in plaintext in the table. Nothing was written.",
            "Pass -KmsKeyId or set $env:STS_KMS_KEY_ID; or pass -AllowPlaintextSecret to store STSFTW's plaintext url on purpose.");
    }

    /// <summary>Refuses to replace an entry's KMS ciphertext with a plaintext secret (SECURITY.md, admin rule B1).</summary>
    internal static void RefuseDroppingCiphertext(AuthEntry? existing, EnrollmentAdmin admin)
    {
        if (!admin.WouldDropCiphertext(existing)) return;
        throw new EnrollmentRefusedException(StsEnrollmentErrors.CiphertextWouldBeDropped, ErrorCategory.SecurityError,
            $"{existing!.Account}'s secret is encrypted with KMS; without a KMS key its replacement would be stored in plaintext. Nothing was written.",
            "Pass -KmsKeyId or set $env:STS_KMS_KEY_ID to the key that protects the table's secrets.");
    }

    /// <summary>
    /// Refuses to show or output a new secret while a transcript is running, unless the admin said so (SECURITY.md,
    /// admin rule B4): the QR code, the otpauth URI and -NoPrompt's output would be copied into the transcript file.
    /// </summary>
    internal void RefuseTranscriptUnlessAllowed(bool allowTranscript)
    {
        if (allowTranscript || TranscriptState.IsTranscribing(Host) == false) return;
        throw new EnrollmentRefusedException(StsEnrollmentErrors.TranscriptRunning, ErrorCategory.SecurityError,
            "A transcript is running (Start-Transcript or a transcription policy), or this PowerShell cannot say whether one is: " +
            "the new TOTP secret (its QR code and otpauth URI) would be copied into the transcript file. Nothing was written.",
            "Run Stop-Transcript first; or pass -AllowTranscript if the transcript file is protected as well as the secret itself.");
    }

    /// <summary>Writes the error record for a known admin failure; anything else is rethrown as it is.</summary>
    internal void WriteFailure(Exception exception, object? target)
    {
        var record = StsEnrollmentErrors.For(exception, target);
        if (record is null) throw exception;
        WriteError(record);
    }

    /// <summary>A new settings reader over the environment.</summary>
    internal SettingsReader Settings() => new(Environment);

    /// <summary>
    /// Shows <paramref name="key"/>'s QR code and the URI, then asks for two consecutive codes from the app
    /// (<see cref="DeviceDialog"/>). True when they prove the device; otherwise writes why, ending with
    /// <paramref name="whenNotProven"/> (what still holds, what to do), and returns false.
    /// </summary>
    internal bool ProveNewDevice(TotpKey key, string whenNotProven, object target)
    {
        var dialog = new DeviceDialog(Host, () => DateTimeOffset.UtcNow);
        dialog.Show(key);
        var problem = dialog.Verify(key.Secret, out var canPrompt);
        if (problem is null) return true;
        WriteError(canPrompt
            ? ErrorRecords.Create(StsEnrollmentErrors.DeviceNotVerified, ErrorCategory.AuthenticationError, $"{problem} {whenNotProven}", target)
            : ErrorRecords.Create(StsEnrollmentErrors.NoInteractiveHost, ErrorCategory.InvalidOperation,
                "This session cannot prompt for the two codes that prove the device. Nothing was written; use -NoPrompt in scripts.", target));
        return false;
    }

    /// <summary>
    /// Writes <paramref name="key"/>'s QR code to <paramref name="qrCodePath"/> (owner-only) and returns the full path,
    /// or writes the error and returns null. The file holds the secret: pass the path to <see cref="DeleteUnusedQrFile"/>
    /// when the secret is not stored after all.
    /// </summary>
    internal string? WriteQrFile(string qrCodePath, TotpKey key)
    {
        var path = GetUnresolvedProviderPathFromPSPath(qrCodePath);
        try
        {
            QrCodeFile.Write(path, key.ToUri());
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            WriteError(ErrorRecords.Create(StsEnrollmentErrors.QrCodeFileFailed, ErrorCategory.WriteError, e.Message, path));
            return null;
        }
    }

    /// <summary>
    /// Deletes the QR file of a secret that was never stored (the codes failed, the write was refused or failed), so no
    /// file holds a secret that opens nothing and an app never scans a dead entry from it.
    /// </summary>
    internal static void DeleteUnusedQrFile(string? path)
    {
        if (path is null) return;
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the failure being reported matters more; the file is owner-only.
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _admin?.Dispose();
        base.Dispose(disposing);
    }
}
