using System.Management.Automation;
using StsFtw.Client.Cache;
using StsFtw.Client.Endpoint;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes cached credentials: all of them, or those of one endpoint and/or account.</para>
/// </summary>
[Cmdlet(VerbsCommon.Clear, "StsCredentialCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class ClearStsCredentialCacheCommand : StsCmdlet
{
    /// <summary>Removes only the entries stored for this endpoint URL.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Endpoint { get; set; }

    /// <summary>Removes only the entries stored for this account.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StsVariableCompleter))]
    [ValidateNotNullOrEmpty]
    public string? AccountName { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        CredentialEndpoint? endpoint = null;
        if (Endpoint is not null && !CredentialEndpoint.TryCreate(Endpoint, out endpoint, out var reason))
        {
            WriteError(ErrorRecords.Create(StsCredentialCacheErrors.InvalidInput, ErrorCategory.InvalidArgument, reason, Endpoint));
            return;
        }
        CredentialCache cache;
        try
        {
            cache = CredentialCache.ForCurrentUser(Environment);
        }
        catch (ArgumentException e)
        {
            var parameter = e.Message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
            WriteError(ErrorRecords.Create(StsCredentialCacheErrors.InvalidInput, ErrorCategory.InvalidArgument,
                parameter > 0 ? e.Message.Substring(0, parameter) : e.Message, null));
            return;
        }

        var which = endpoint is null && AccountName is null
            ? "all cached credentials"
            : "cached credentials" + (endpoint is null ? string.Empty : $" of {endpoint.Uri.AbsoluteUri}") + (AccountName is null ? string.Empty : $" for account {AccountName}");
        if (!ShouldProcess(cache.Directory, "Remove " + which)) return;
        try
        {
            var removed = cache.Clear(endpoint, AccountName);
            WriteVerbose($"Removed {removed} file(s) from {cache.Directory}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecords.Create(StsCredentialCacheErrors.ClearFailed, ErrorCategory.WriteError, e.Message, cache.Directory));
        }
    }
}
