using System.Management.Automation;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Validation;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Engine;
using StsFtw.PowerShell.Enrollment;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Output;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists enrolled people, of one issuer or the whole table, with their roles, co-signers and lock state — never a secret.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsEnrollment")]
[OutputType(typeof(StsEnrollment))]
public sealed class GetStsEnrollmentCommand : StsEnrollmentCmdlet
{
    private const int PageSize = 100;

    /// <summary>Only this issuer (a Query); without it the whole table is read (a Scan). Default: $env:STS_ISSUER.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    public string? Issuer { get; set; }

    /// <summary>Only these account names; wildcards are allowed. An exact name that is not enrolled is an error.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[]? AccountName { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        try
        {
            var settings = Settings();
            var issuer = settings.Optional(Issuer, nameof(Issuer), StsVariables.Issuer);
            var admin = Connect(settings);
            if (issuer is not null && InputRules.CheckIssuer(issuer) is { } problem) throw new InvalidSettingException(problem);

            var exactNames = (AccountName ?? Array.Empty<string>()).Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).ToArray();
            var patterns = (AccountName ?? Array.Empty<string>()).Where(WildcardPattern.ContainsWildcardCharacters)
                .Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            if (issuer is not null && exactNames.Length > 0 && patterns.Length == 0)
            {
                foreach (var name in exactNames) WriteOne(admin, AccountOf(issuer, name));
                return;
            }
            WriteListing(admin, issuer, exactNames, patterns);
        }
        catch (Exception e) when (StsEnrollmentErrors.For(e, Issuer) is not null)
        {
            WriteFailure(e, Issuer);
        }
    }

    private void WriteOne(EnrollmentAdmin admin, AccountKey account)
    {
        var entry = Wait(token => admin.Store.GetAsync(account, token));
        if (entry is null) WriteFailure(new EnrollmentNotFoundException(account), account);
        else WriteObject(EnrollmentView.From(entry, admin.TableName, DateTimeOffset.UtcNow));
    }

    private void WriteListing(EnrollmentAdmin admin, string? issuer, string[] exactNames, WildcardPattern[] patterns)
    {
        var filtered = exactNames.Length > 0 || patterns.Length > 0;
        var found = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = Wait(cancel => admin.Store.ListAsync(issuer, PageSize, token, cancel));
            foreach (var entry in page.Entries)
            {
                var name = entry.Account.AccountName;
                var wanted = !filtered || exactNames.Contains(name, StringComparer.Ordinal) || patterns.Any(p => p.IsMatch(name));
                if (!wanted) continue;
                found.Add(name);
                WriteObject(EnrollmentView.From(entry, admin.TableName, DateTimeOffset.UtcNow));
            }
            token = page.ContinuationToken;
        }
        while (token is not null);

        foreach (var missing in exactNames.Where(n => !found.Contains(n)))
        {
            WriteFailure(new EnrollmentNotFoundException(new AccountKey(issuer ?? "*", missing)), missing);
        }
    }
}
