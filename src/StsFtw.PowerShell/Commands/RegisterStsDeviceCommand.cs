using System.Management.Automation;
using StsFtw.Client.Endpoint;
using StsFtw.Client.Enrollment;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Enrollment;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Output;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Enrolls your own authenticator app with an invitation code from your admin: shows the new secret as a QR code on this terminal and confirms it with two codes.</para>
/// </summary>
/// <remarks>
/// The QR code goes to the host only (never the pipeline), the otpauth URI only with -ShowUri; the two codes are read
/// masked and checked here first, so a typo costs no counted failure (docs/INVITATIONS.md).
/// </remarks>
[Cmdlet(VerbsLifecycle.Register, "StsDevice")]
[OutputType(typeof(StsDeviceRegistration))]
public sealed class RegisterStsDeviceCommand : StsCmdlet
{
    /// <summary>The invitation code your admin sent (inv1-…).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string InvitationCode { get; set; } = string.Empty;

    /// <summary>The credential endpoint URL. Default: $env:STS_ENDPOINT.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Endpoint { get; set; }

    /// <summary>The issuer. Default: $env:STS_ISSUER.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Issuer { get; set; }

    /// <summary>Your account name. Default: $env:STS_ACCOUNT_NAME.</summary>
    [Parameter]
    public string? AccountName { get; set; }

    /// <summary>For a new device replacing an old one: a current code of the old device. Without it, it is asked for (masked) when the endpoint needs it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CurrentTotpCode { get; set; }

    /// <summary>Also shows the otpauth URI (the secret) on the terminal, for apps that cannot scan.</summary>
    [Parameter]
    public SwitchParameter ShowUri { get; set; }

    /// <summary>Shows the secret even while a transcript is running, which copies it into the transcript file.</summary>
    [Parameter]
    public SwitchParameter AllowTranscript { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        try
        {
            var settings = new SettingsReader(Environment);
            var url = settings.Required(Endpoint, nameof(Endpoint), StsVariables.Endpoint);
            var issuer = settings.Required(Issuer, nameof(Issuer), StsVariables.Issuer);
            var accountName = settings.Required(AccountName, nameof(AccountName), StsVariables.AccountName);
            settings.ThrowIfMissing();
            if (!CredentialEndpoint.TryCreate(url, out var endpoint, out var reason)) throw new InvalidSettingException(reason);
            var start = new EnrollmentStartInput(issuer, accountName, InvitationCode) { CurrentCode = CurrentTotpCode };
            if (start.Validate() is { Count: > 0 } problems) throw new InvalidSettingException(string.Join(" ", problems));
            // Refused before the invitation is redeemed: a redeemed invitation cannot be started again.
            RefuseTranscriptUnlessAllowed();

            var dialog = new DeviceDialog(Host, () => DateTimeOffset.UtcNow);
            if (!dialog.CanPrompt)
            {
                WriteError(ErrorRecords.Create(StsEnrollmentErrors.NoInteractiveHost, ErrorCategory.InvalidOperation,
                    "There is no terminal to show the QR code on and ask for the two codes that prove the device. Nothing was redeemed; run Register-StsDevice at a terminal.", accountName));
                return;
            }
            using var client = new EnrollmentEndpointClient(endpoint!);
            var started = Redeem(client, start, dialog);
            if (!started.Succeeded)
            {
                WriteRefusal(started.Failure!, accountName);
                return;
            }
            var pending = started.Value!;
            dialog.Show(pending.Key, ShowUri);
            var problem = dialog.Verify(pending.Key.Secret, out var canPrompt, out var codes);
            if (problem is not null)
            {
                WriteError(ErrorRecords.Create(canPrompt ? "StsDevice.DeviceNotVerified" : StsEnrollmentErrors.NoInteractiveHost,
                    canPrompt ? ErrorCategory.AuthenticationError : ErrorCategory.InvalidOperation,
                    $"{problem} The device is not enrolled yet; your admin can send a new invitation.", accountName));
                return;
            }
            var confirm = new EnrollmentConfirmInput(issuer, accountName, InvitationCode, codes!.Value.First, codes.Value.Second);
            var confirmed = Wait(token => client.ConfirmAsync(confirm, token));
            if (!confirmed.Succeeded)
            {
                WriteRefusal(confirmed.Failure!, accountName);
                return;
            }
            WriteObject(new StsDeviceRegistration
            {
                Issuer = issuer,
                AccountName = accountName,
                Status = "Active",
                Rotation = confirmed.Value!.Rotation,
                Endpoint = endpoint!.Uri.GetLeftPart(UriPartial.Authority),
            });
        }
        catch (Exception e) when (StsEnrollmentErrors.For(e, AccountName) is { } error)
        {
            WriteError(error);
        }
    }

    // A rotation: the endpoint asks for a current code of the old device; without -CurrentTotpCode it is asked for
    // in the device dialog, masked (OldDeviceCode says when). A typo is caught before sending, so it costs no counted failure.
    private EnrollmentResult<PendingEnrollment> Redeem(EnrollmentEndpointClient client, EnrollmentStartInput start, DeviceDialog dialog)
    {
        var started = Wait(token => client.StartAsync(start, token));
        var asked = 0;
        string? note = null;
        while (OldDeviceCode.ShouldAsk(started, givenByCaller: start.CurrentCode is not null, asked))
        {
            var typed = dialog.ReadOldDeviceCode(note);
            if (typed is null)
            {
                return EnrollmentResult<PendingEnrollment>.Failed(started.Failure! with
                {
                    Message = "This invitation replaces a device, and this session cannot ask for a current code of the old one: pass it with -CurrentTotpCode, or ask your admin for a lost-device invitation. Nothing was redeemed.",
                });
            }
            asked++;
            if (OldDeviceCode.CheckTyped(typed) is { } typo)
            {
                note = typo;
                continue;
            }
            started = Wait(token => client.StartAsync(start with { CurrentCode = typed }, token));
            note = OldDeviceCode.NotAccepted(asked);
        }
        return started.Succeeded ? started : EnrollmentResult<PendingEnrollment>.Failed(OldDeviceCode.Explain(started.Failure!, asked));
    }

    private void RefuseTranscriptUnlessAllowed()
    {
        if (AllowTranscript || TranscriptState.IsTranscribing(Host) == false) return;
        throw new EnrollmentRefusedException(StsEnrollmentErrors.TranscriptRunning, ErrorCategory.SecurityError,
            "A transcript is running, or this PowerShell cannot say whether one is: the new TOTP secret (its QR code) would be copied into the transcript file. Nothing was redeemed.",
            "Run Stop-Transcript first; or pass -AllowTranscript if the transcript file is protected as well as the secret itself.");
    }

    private void WriteRefusal(EnrollmentFailure failure, string accountName) =>
        WriteError(ErrorRecords.Create("StsDevice." + failure.Kind, CategoryOf(failure.Kind), failure.Message, accountName));

    private static ErrorCategory CategoryOf(EnrollmentFailureKind kind) => kind switch
    {
        EnrollmentFailureKind.InvalidRequest => ErrorCategory.InvalidArgument,
        EnrollmentFailureKind.InvitationNotValid or EnrollmentFailureKind.CodesNotValid or EnrollmentFailureKind.DeviceCodeRequired => ErrorCategory.AuthenticationError,
        EnrollmentFailureKind.InvitationAlreadyRedeemed or EnrollmentFailureKind.InvitationNotRedeemed => ErrorCategory.ResourceExists,
        EnrollmentFailureKind.AccountLocked => ErrorCategory.SecurityError,
        EnrollmentFailureKind.TimedOut => ErrorCategory.OperationTimeout,
        EnrollmentFailureKind.Unreachable or EnrollmentFailureKind.ServiceUnavailable => ErrorCategory.ConnectionError,
        _ => ErrorCategory.ProtocolError,
    };
}
