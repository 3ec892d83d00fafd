using System.Management.Automation;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Enrollment;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Output;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lifts the lock on an account that failed too often, and resets its failure count.</para>
/// </summary>
[Cmdlet(VerbsCommon.Unlock, "StsEnrollment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StsEnrollment))]
public sealed class UnlockStsEnrollmentCommand : StsEnrollmentCmdlet
{
    /// <summary>The issuer. Default: $env:STS_ISSUER.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Issuer { get; set; }

    /// <summary>The account to unlock.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string AccountName { get; set; } = string.Empty;

    /// <summary>Outputs the entry after unlocking.</summary>
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
            var admin = Connect(settings);
            account = AccountOf(issuer, AccountName);
            if (!ShouldProcess($"{account} in table {admin.TableName}", "Unlock")) return;
            if (!Wait(token => admin.Store.UnlockAsync(account, token))) throw new EnrollmentNotFoundException(account);
            if (PassThru && Wait(token => admin.Store.GetAsync(account, token)) is { } entry)
            {
                WriteObject(EnrollmentView.From(entry, admin.TableName, DateTimeOffset.UtcNow));
            }
        }
        catch (Exception e) when (StsEnrollmentErrors.For(e, account) is not null)
        {
            WriteFailure(e, account);
        }
    }
}
