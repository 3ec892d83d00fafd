using System.Management.Automation.Host;
using StsFtw.Client.Codes;

namespace StsFtw.PowerShell.Hosting;

/// <summary>
/// Asks for a code through the PowerShell host's UI (masked): for hosts other than the console host, such as an
/// editor's integrated console or an engine hosted in another program, whose UI is not standard output.
/// </summary>
internal sealed class HostCodePrompt(PSHost host, string primaryHint, string coSignerHint) : ICodePrompt
{
    public string ReadCode(CodePromptRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return MaskedPrompt.Read(host, request.Text.TrimEnd(' ', ':')) ?? throw new CodeUnavailableException(CodeUnavailableReason.NoTerminal,
            $"No code for {(request.IsCoSigner ? "co-signer " : string.Empty)}{request.AccountName}: this PowerShell host ({host.Name}) cannot prompt for one. " +
            (request.IsCoSigner ? coSignerHint : primaryHint));
    }
}
