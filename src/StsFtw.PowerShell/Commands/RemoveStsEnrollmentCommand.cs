using System.Management.Automation;
using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Engine;
using StsFtw.PowerShell.Enrollment;
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
            var references = Cosigning(admin, account);
            if (!Approved($"{account} in table {admin.TableName}", references)) return;
            if (!Wait(token => admin.Store.DeleteAsync(account, token))) throw new EnrollmentNotFoundException(account);
            if (references is { Any: true })
            {
                WriteWarning($"{account} is still listed as co-signer by: {references.Describe()}. Whoever is enrolled as " +
                    $"'{account.AccountName}' later would co-sign for them. Take the name out with Set-StsEnrollment " +
                    "-RemoveSecondaryAuthorizers (examples/Remove-StsPerson.ps1 does it for every entry).");
            }
        }
        catch (Exception e) when (StsEnrollmentErrors.For(e, account) is not null)
        {
            WriteFailure(e, account);
        }
    }

    // -Force skips the confirmation that ConfirmImpact High asks for, but -WhatIf still only reports.
    private bool Approved(string target, CosignerReferences? references)
    {
        var action = "Remove the enrollment (the authenticator stops working)";
        if (references is { Any: true }) action += $"; the name stays in the co-signer lists of: {references.Describe()}";
        if (!Force || IsWhatIf) return ShouldProcess(target, action);
        return true;
    }

    // SECURITY.md admin rule B5: the removal goes ahead (off-boarding must not wait on a clean-up), and the entries
    // that still list the name are named. A failed search does not stop the removal either; it is said.
    private CosignerReferences? Cosigning(EnrollmentAdmin admin, AccountKey account)
    {
        try
        {
            return Wait(token => CosignerReferences.FindAsync(admin.Store, account, token));
        }
        catch (DependencyFailureException e)
        {
            WriteWarning($"Could not check which entries list {account} as co-signer ({e.Message}); run examples/Find-StsDanglingCosigner.ps1 afterwards.");
            return null;
        }
    }
}
