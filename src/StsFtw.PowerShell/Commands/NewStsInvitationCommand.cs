using System.Globalization;
using System.Management.Automation;
using StsFtw.Core.Accounts;
using StsFtw.Core.Invitations;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Output;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Invites a person to enroll their own authenticator: outputs an invitation code to send them; the secret is made for them alone.</para>
/// </summary>
/// <remarks>
/// The code is written to the pipeline only, never to the verbose, warning or debug streams (docs/INVITATIONS.md).
/// </remarks>
[Cmdlet(VerbsCommon.New, "StsInvitation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StsInvitation))]
public sealed class NewStsInvitationCommand : StsEnrollmentCmdlet
{
    /// <summary>The issuer. Default: $env:STS_ISSUER.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Issuer { get; set; }

    /// <summary>The person's account name. Default: $env:STS_ACCOUNT_NAME.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? AccountName { get; set; }

    /// <summary>Role names (or ARNs) the person may assume. Default: an enrolled account's own, else $env:STS_ROLES.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? Roles { get; set; }

    /// <summary>Co-signers. Default: an enrolled account's own, else $env:STS_SECONDARY_AUTHORIZERS.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? SecondaryAuthorizers { get; set; }

    /// <summary>How long the invitation works: 5 minutes to 7 days, 24 hours when not given.</summary>
    [Parameter]
    [Alias("ExpiresIn")]
    public TimeSpan? ValidFor { get; set; }

    /// <summary>For a rotation: the person may replace the device without a code of the old one (they lost it).</summary>
    [Parameter]
    public SwitchParameter LostDevice { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        AccountKey? account = null;
        try
        {
            var settings = Settings();
            var issuer = settings.Required(Issuer, nameof(Issuer), StsVariables.Issuer);
            var accountName = settings.Required(AccountName, nameof(AccountName), StsVariables.AccountName);
            if (ValidFor is { } lifetime && (lifetime < InvitationExpiry.Minimum || lifetime > InvitationExpiry.Maximum))
            {
                throw new InvalidSettingException("-ValidFor must be from 5 minutes to 7 days (the default is 24 hours).");
            }
            var admin = Connect(settings);
            account = AccountOf(issuer, accountName);

            var existing = Wait(token => admin.Store.GetAsync(account, token));
            var rotation = existing is not null && !existing.Secret.IsEmpty;
            // An enrolled account keeps its access unless the admin names new access: a rotation changes the device only.
            var roles = Roles is null && existing is not null ? existing.Roles : settings.List(Roles, StsVariables.Roles);
            var secondaries = SecondaryAuthorizers is null && existing is not null ? existing.SecondaryAuthorizers : settings.List(SecondaryAuthorizers, StsVariables.SecondaryAuthorizers);
            NewStsEnrollmentCommand.CheckAccess(account, roles, secondaries);
            if (LostDevice && !rotation) throw new InvalidSettingException($"-LostDevice replaces a device, but {account} has none yet.");

            var action = rotation
                ? (LostDevice ? "Invite to replace a lost device (no code of the old device needed)" : "Invite to replace the device (the old one works until the new one is confirmed)")
                : "Invite to enroll a device";
            if (!ShouldProcess($"{account} in table {admin.TableName}", action + "; an earlier invitation stops working")) return;

            var (code, grant) = Wait(token => admin.InviteAsync(account, roles, secondaries, ValidFor, LostDevice, token));
            WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Invited {0} in {1} until {2:u}.", account, admin.TableName, grant.Invitation.ExpiresAt));
            WriteObject(new StsInvitation
            {
                Issuer = account.Issuer,
                AccountName = account.AccountName,
                InvitationCode = code.Reveal(),
                ExpiresAt = grant.Invitation.ExpiresAt.UtcDateTime,
                Rotation = rotation,
                LostDevice = LostDevice,
                Roles = grant.Roles.ToArray(),
                SecondaryAuthorizers = grant.SecondaryAuthorizers.ToArray(),
                TableName = admin.TableName,
            });
        }
        catch (Exception e) when (StsEnrollmentErrors.For(e, account) is not null)
        {
            WriteFailure(e, account);
        }
    }
}
