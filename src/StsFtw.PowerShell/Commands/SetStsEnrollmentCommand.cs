using System.Management.Automation;
using StsFtw.Client.Enrollment;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Engine;
using StsFtw.PowerShell.Enrollment;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Output;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Changes an enrolled person's roles and co-signers (add, remove or replace), replaces their device, or encrypts an STSFTW plaintext secret with KMS.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "StsEnrollment", DefaultParameterSetName = AccessSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StsEnrollment), ParameterSetName = new[] { AccessSet, RotateDeviceSet, EncryptSecretSet })]
[OutputType(typeof(string), ParameterSetName = new[] { RotateDeviceSet })]
public sealed class SetStsEnrollmentCommand : StsEnrollmentCmdlet
{
    private const string AccessSet = "Access";
    private const string RotateDeviceSet = "RotateDevice";
    private const string EncryptSecretSet = "EncryptSecret";

    /// <summary>The issuer. Default: $env:STS_ISSUER.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Issuer { get; set; }

    /// <summary>The person's account name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string AccountName { get; set; } = string.Empty;

    /// <summary>Replaces the roles with exactly these.</summary>
    [Parameter(ParameterSetName = AccessSet)]
    [AllowEmptyCollection]
    public string[]? Roles { get; set; }

    /// <summary>Roles to add.</summary>
    [Parameter(ParameterSetName = AccessSet)]
    public string[]? AddRoles { get; set; }

    /// <summary>Roles to remove.</summary>
    [Parameter(ParameterSetName = AccessSet)]
    public string[]? RemoveRoles { get; set; }

    /// <summary>Replaces the co-signers with exactly these (an empty list ends the two-person rule: needs -AllowNoSecondaryAuthorizer).</summary>
    [Parameter(ParameterSetName = AccessSet)]
    [AllowEmptyCollection]
    public string[]? SecondaryAuthorizers { get; set; }

    /// <summary>Co-signers to add.</summary>
    [Parameter(ParameterSetName = AccessSet)]
    public string[]? AddSecondaryAuthorizers { get; set; }

    /// <summary>Co-signers to remove.</summary>
    [Parameter(ParameterSetName = AccessSet)]
    public string[]? RemoveSecondaryAuthorizers { get; set; }

    /// <summary>Replaces the person's device: a new secret, shown as a QR code and proven with two codes (also clears a lock).</summary>
    [Parameter(Mandatory = true, ParameterSetName = RotateDeviceSet)]
    public SwitchParameter RotateDevice { get; set; }

    /// <summary>With -RotateDevice: also writes the new QR code to this .png or .svg file (owner-only).</summary>
    [Parameter(ParameterSetName = RotateDeviceSet)]
    [ValidateNotNullOrEmpty]
    public string? QrCodePath { get; set; }

    /// <summary>With -RotateDevice, for scripts: writes the new secret without asking for codes and outputs its otpauth URI.</summary>
    [Parameter(ParameterSetName = RotateDeviceSet)]
    public SwitchParameter NoPrompt { get; set; }

    /// <summary>With -RotateDevice: stores the new secret as STSFTW's plaintext url when no KMS key is given (an encrypted entry is still never downgraded).</summary>
    [Parameter(ParameterSetName = RotateDeviceSet)]
    public SwitchParameter AllowPlaintextSecret { get; set; }

    /// <summary>With -RotateDevice: shows the new secret even while a transcript is running, which copies it into the transcript file.</summary>
    [Parameter(ParameterSetName = RotateDeviceSet)]
    public SwitchParameter AllowTranscript { get; set; }

    /// <summary>Lets a change leave the entry with no co-signer, which ends the two-person rule for it (without it such a change is refused).</summary>
    [Parameter(ParameterSetName = AccessSet)]
    public SwitchParameter AllowNoSecondaryAuthorizer { get; set; }

    /// <summary>
    /// Encrypts the entry's plaintext secret (STSFTW's url attribute) with KMS in place: the device keeps working and
    /// used codes stay used. Entries already encrypted are skipped.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = EncryptSecretSet)]
    public SwitchParameter EncryptSecret { get; set; }

    /// <summary>With -RotateDevice or -EncryptSecret: the KMS key for the secret. Default: $env:STS_KMS_KEY_ID.</summary>
    [Parameter(ParameterSetName = RotateDeviceSet)]
    [Parameter(ParameterSetName = EncryptSecretSet)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? KmsKeyId { get; set; }

    /// <summary>Outputs the entry after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        AccountKey? account = null;
        try
        {
            var settings = Settings();
            var issuer = settings.Required(Issuer, nameof(Issuer), StsVariables.Issuer);
            var kmsKeyId = ParameterSetName switch
            {
                RotateDeviceSet => settings.Optional(KmsKeyId, nameof(KmsKeyId), StsVariables.KmsKeyId),
                EncryptSecretSet => settings.Required(KmsKeyId, nameof(KmsKeyId), StsVariables.KmsKeyId),
                _ => null,
            };
            if (ParameterSetName == RotateDeviceSet) RefusePlaintextUnlessAllowed(kmsKeyId, AllowPlaintextSecret);
            var admin = Connect(settings, kmsKeyId);
            account = AccountOf(issuer, AccountName);
            switch (ParameterSetName)
            {
                case RotateDeviceSet:
                    Rotate(admin, account);
                    break;
                case EncryptSecretSet:
                    Encrypt(admin, account);
                    break;
                default:
                    ChangeAccess(admin, account);
                    break;
            }
        }
        catch (Exception e) when (StsEnrollmentErrors.For(e, account) is not null)
        {
            WriteFailure(e, account);
        }
    }

    private void ChangeAccess(EnrollmentAdmin admin, AccountKey account)
    {
        var roles = Change(Roles, AddRoles, RemoveRoles, nameof(Roles));
        var secondaries = Change(SecondaryAuthorizers, AddSecondaryAuthorizers, RemoveSecondaryAuthorizers, nameof(SecondaryAuthorizers));
        NewStsEnrollmentCommand.CheckAccess(account,
            (roles?.Replacement ?? Array.Empty<string>()).Concat(roles?.Add ?? Array.Empty<string>()).ToArray(),
            (secondaries?.Replacement ?? Array.Empty<string>()).Concat(secondaries?.Add ?? Array.Empty<string>()).ToArray());
        if (roles is null && secondaries is null)
        {
            throw new InvalidSettingException("Nothing to change: pass -Roles, -AddRoles, -RemoveRoles, the *SecondaryAuthorizers parameters, -RotateDevice or -EncryptSecret.");
        }
        var endsTwoPersonRule = secondaries is not null && EndsTwoPersonRule(admin, account, secondaries);
        var action = endsTwoPersonRule
            ? "Change roles and co-signers, removing the last co-signer: the two-person rule ends for this account (it gets credentials with its own code alone)"
            : "Change roles and co-signers";
        if (!ShouldProcess($"{account} in table {admin.TableName}", action)) return;
        var entry = Wait(token => admin.Store.UpdateAccessAsync(account, roles, secondaries, token));
        if (endsTwoPersonRule) WriteWarning($"{account} has no co-signer any more: the two-person rule has ended for it.");
        if (PassThru) WriteObject(EnrollmentView.From(entry, admin.TableName, DateTimeOffset.UtcNow));
    }

    // SECURITY.md admin rule B2: an entry with co-signers loses the last one only when the admin says so; an empty
    // list is what the broker reads as "no co-signer needed". Read before the write: a concurrent admin change in
    // between is not seen (the write itself is revision-guarded).
    private bool EndsTwoPersonRule(EnrollmentAdmin admin, AccountKey account, ListChange secondaries)
    {
        var current = Wait(token => admin.Store.GetAsync(account, token)) ?? throw new EnrollmentNotFoundException(account);
        if (current.SecondaryAuthorizers.Count == 0 || secondaries.ApplyTo(current.SecondaryAuthorizers).Count > 0) return false;
        if (AllowNoSecondaryAuthorizer) return true;
        throw new EnrollmentRefusedException(StsEnrollmentErrors.LastCosignerRemoved, ErrorCategory.InvalidOperation,
            $"The change would leave {account} with no co-signer, which ends the two-person rule for it: it would get credentials with its own code alone. Nothing was written.",
            "Add another co-signer in the same command (-AddSecondaryAuthorizers), or pass -AllowNoSecondaryAuthorizer to end the two-person rule on purpose.");
    }

    private void Rotate(EnrollmentAdmin admin, AccountKey account)
    {
        if (QrCodePath is not null && QrCodeFile.CheckPath(QrCodePath) is { } pathProblem) throw new InvalidSettingException(pathProblem);
        var existing = Wait(token => admin.Store.GetAsync(account, token)) ?? throw new EnrollmentNotFoundException(account);
        if (!EnrollmentStanding.Of(existing).HasDevice) throw new EnrollmentHasNoDeviceException(account);
        RefuseDroppingCiphertext(existing, admin);
        if (!ShouldProcess($"{account} in table {admin.TableName}", "Replace the device (the old one stops working)")) return;
        RefuseTranscriptUnlessAllowed(AllowTranscript);

        var key = TotpKey.Generate(account.Issuer, account.AccountName);
        var qrFile = QrCodePath is null ? null : WriteQrFile(QrCodePath, key);
        if (QrCodePath is not null && qrFile is null) return;
        var stored = false;
        try
        {
            if (!NoPrompt && !ProveNewDevice(key, "The old device still works; run the command again for a new code.", account)) return;
            Wait(token => admin.ReplaceDeviceAsync(key, token));
            stored = true;
        }
        finally
        {
            if (!stored) DeleteUnusedQrFile(qrFile);
        }
        if (NoPrompt) WriteObject(key.ToUri());
        if (PassThru && Wait(token => admin.Store.GetAsync(account, token)) is { } entry)
        {
            WriteObject(EnrollmentView.From(entry, admin.TableName, DateTimeOffset.UtcNow));
        }
    }

    private void Encrypt(EnrollmentAdmin admin, AccountKey account)
    {
        if (!ShouldProcess($"{account} in table {admin.TableName}", "Encrypt the plaintext TOTP secret with KMS (the device keeps working)")) return;
        switch (Wait(token => admin.EncryptPlaintextSecretAsync(account, token)))
        {
            case SecretEncryption.AlreadyEncrypted:
                WriteVerbose($"{account}: the secret is already encrypted; nothing to do.");
                break;
            case SecretEncryption.NoUsableSecret:
                WriteError(ErrorRecords.Create(StsEnrollmentErrors.NoUsableSecret, ErrorCategory.InvalidData,
                    $"{account} holds no usable secret to encrypt; nothing was written. Use -RotateDevice to give the person a new one (New-StsEnrollment when the entry has no secret at all).", account));
                return;
            case SecretEncryption.ChangedMeanwhile:
                WriteError(ErrorRecords.Create(StsEnrollmentErrors.ChangedMeanwhile, ErrorCategory.ResourceBusy,
                    $"{account} changed while its secret was being encrypted; nothing was written. Run the command again.", account));
                return;
            default:
                WriteVerbose($"{account}: the secret is now encrypted with KMS.");
                break;
        }
        if (PassThru && Wait(token => admin.Store.GetAsync(account, token)) is { } entry)
        {
            WriteObject(EnrollmentView.From(entry, admin.TableName, DateTimeOffset.UtcNow));
        }
    }

    private static ListChange? Change(string[]? replace, string[]? add, string[]? remove, string name)
    {
        if (replace is not null && (add is not null || remove is not null))
        {
            throw new InvalidSettingException($"-{name} replaces the list; do not combine it with -Add{name} or -Remove{name}.");
        }
        if (replace is not null) return ListChange.ReplaceWith(replace);
        return add is null && remove is null ? null : ListChange.AddRemove(add, remove);
    }
}
