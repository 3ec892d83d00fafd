using System.Management.Automation;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes a person's enrollment: their authenticator stops working at once.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "StsEnrollment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveStsEnrollmentCommand : StsEnrollmentCmdlet
{
    /// <summary>The issuer. Default: $env:STS_ISSUER.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Issuer { get; set; }

    /// <summary>The account to remove.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string AccountName { get; set; } = string.Empty;

    /// <summary>Removes without asking for confirmation (-WhatIf still only reports).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

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
            if (!Approved($"{account} in table {admin.TableName}")) return;
            if (!Wait(token => admin.Store.DeleteAsync(account, token))) throw new EnrollmentNotFoundException(account);
        }
        catch (Exception e) when (StsEnrollmentErrors.For(e, account) is not null)
        {
            WriteFailure(e, account);
        }
    }

    // -Force skips the confirmation that ConfirmImpact High asks for, but -WhatIf still only reports.
    private bool Approved(string target)
    {
        const string RemovalAction = "Remove the enrollment (the authenticator stops working)";
        if (!Force || IsWhatIf) return ShouldProcess(target, RemovalAction);
        return true;
    }
}
