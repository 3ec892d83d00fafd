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
/// <para type="synopsis">Enrolls a person's authenticator app in the auth table: a new secret, shown as a QR code, proven with two consecutive codes.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "StsEnrollment", DefaultParameterSetName = InteractiveSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StsEnrollment), ParameterSetName = new[] { InteractiveSet })]
[OutputType(typeof(string), ParameterSetName = new[] { NoPromptSet })]
public sealed class NewStsEnrollmentCommand : StsEnrollmentCmdlet
{
    private const string InteractiveSet = "Interactive";
    private const string NoPromptSet = "NoPrompt";

    /// <summary>The issuer. Default: $env:STS_ISSUER.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Issuer { get; set; }

    /// <summary>The person's account name. Default: $env:STS_ACCOUNT_NAME.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? AccountName { get; set; }

    /// <summary>Role names (or ARNs) the person may assume. Default: $env:STS_ROLES (comma-separated).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? Roles { get; set; }

    /// <summary>Accounts (same issuer) of whom one must co-sign each request. Default: $env:STS_SECONDARY_AUTHORIZERS.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? SecondaryAuthorizers { get; set; }

    /// <summary>The KMS key that encrypts the secret. Default: $env:STS_KMS_KEY_ID. Without one the cmdlet refuses unless -AllowPlaintextSecret is given.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? KmsKeyId { get; set; }

    /// <summary>Also writes the QR code to this .png or .svg file (owner-only: it holds the secret).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? QrCodePath { get; set; }

    /// <summary>Replaces an existing entry (its old device stops working). An entry holding only an invitation needs none.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>For scripts: writes the entry without asking for codes and outputs the otpauth URI (a secret) for the person's app.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NoPromptSet)]
    public SwitchParameter NoPrompt { get; set; }

    /// <summary>Stores the secret as STSFTW's plaintext url when no KMS key is given (without it the cmdlet refuses).</summary>
    [Parameter]
    public SwitchParameter AllowPlaintextSecret { get; set; }

    /// <summary>Shows the secret (QR code, otpauth URI) even while a transcript is running, which copies it into the transcript file.</summary>
    [Parameter]
    public SwitchParameter AllowTranscript { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        AccountKey? account = null;
        try
        {
            var settings = Settings();
            var issuer = settings.Required(Issuer, nameof(Issuer), StsVariables.Issuer);
            var accountName = settings.Required(AccountName, nameof(AccountName), StsVariables.AccountName);
            var roles = settings.List(Roles, StsVariables.Roles);
            var secondaries = settings.List(SecondaryAuthorizers, StsVariables.SecondaryAuthorizers);
            var kmsKeyId = settings.Optional(KmsKeyId, nameof(KmsKeyId), StsVariables.KmsKeyId);
            RefusePlaintextUnlessAllowed(kmsKeyId, AllowPlaintextSecret);
            var admin = Connect(settings, kmsKeyId);
            account = AccountOf(issuer, accountName);
            CheckAccess(account, roles, secondaries);
            if (QrCodePath is not null && QrCodeFile.CheckPath(QrCodePath) is { } pathProblem) throw new InvalidSettingException(pathProblem);

            var existing = Wait(token => admin.Store.GetAsync(account, token));
            // An item holding only an invitation has no device yet: enrolling replaces the whole item, so the invitation
            // and any pending secret go in the same write (SECURITY.md rule I12).
            var standing = EnrollmentStanding.Of(existing);
            if (standing.HasDevice && !Force) throw new EnrollmentExistsException(account);
            RefuseDroppingCiphertext(existing, admin);
            if (!ShouldProcess($"{account} in table {admin.TableName}", standing.EnrollAction)) return;
            RefuseTranscriptUnlessAllowed(AllowTranscript);

            Enroll(admin, TotpKey.Generate(account.Issuer, account.AccountName), roles, secondaries, standing);
        }
        catch (Exception e) when (StsEnrollmentErrors.For(e, account) is not null)
        {
            WriteFailure(e, account);
        }
    }

    private void Enroll(EnrollmentAdmin admin, TotpKey key, IReadOnlyList<string> roles, IReadOnlyList<string> secondaries, EnrollmentStanding standing)
    {
        var qrFile = QrCodePath is null ? null : WriteQrFile(QrCodePath, key);
        if (QrCodePath is not null && qrFile is null) return;
        var stored = false;
        try
        {
            if (!NoPrompt && !ProveNewDevice(key, "Nothing was written; run the command again for a new code.", key.AccountName)) return;

            var entry = Wait(token => admin.EnrollAsync(key, roles, secondaries, standing, Force, token));
            stored = true;
            WriteVerbose($"Enrolled {entry.Account} in {admin.TableName} ({(admin.UsesKms ? "secret encrypted with KMS" : "secret stored as plaintext url")}).");
            if (NoPrompt) WriteObject(key.ToUri());
            else WriteObject(EnrollmentView.From(entry, admin.TableName, DateTimeOffset.UtcNow));
        }
        finally
        {
            if (!stored) DeleteUnusedQrFile(qrFile);
        }
    }

    internal static void CheckAccess(AccountKey account, IReadOnlyList<string> roles, IReadOnlyList<string> secondaries)
    {
        if (EnrollmentAccessRules.Check(account.AccountName, roles, secondaries, "Roles", "SecondaryAuthorizers") is { } problem)
        {
            throw new InvalidSettingException(problem);
        }
    }
}
