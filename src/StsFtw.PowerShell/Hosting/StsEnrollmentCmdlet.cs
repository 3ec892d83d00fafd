using System.Management.Automation;
using StsFtw.Core.Accounts;
using StsFtw.Core.Validation;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Engine;
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
        var region = settings.Optional(Region, StsVariables.Region);
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

    /// <summary>Writes the error record for a known admin failure; anything else is rethrown as it is.</summary>
    internal void WriteFailure(Exception exception, object? target)
    {
        var record = StsEnrollmentErrors.For(exception, target);
        if (record is null) throw exception;
        WriteError(record);
    }

    /// <summary>A new settings reader over the environment.</summary>
    internal SettingsReader Settings() => new(Environment);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _admin?.Dispose();
        base.Dispose(disposing);
    }
}
