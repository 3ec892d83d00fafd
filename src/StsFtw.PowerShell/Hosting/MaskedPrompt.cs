using System.Management.Automation;
using System.Management.Automation.Host;
using System.Runtime.InteropServices;
using System.Security;

namespace StsFtw.PowerShell.Hosting;

/// <summary>Asks the person at the host for a code without echoing it.</summary>
internal static class MaskedPrompt
{
    /// <summary>The typed text, or null when the host cannot prompt (a non-interactive session).</summary>
    public static string? Read(PSHost host, string prompt)
    {
        SecureString secure;
        try
        {
            if (host?.UI is null) return null;
            host.UI.Write(prompt + ": ");
            secure = host.UI.ReadLineAsSecureString();
        }
        catch (Exception e) when (e is HostException or NotImplementedException or PSNotImplementedException or PSInvalidOperationException or InvalidOperationException)
        {
            return null;
        }
        using (secure)
        {
            return Reveal(secure).Trim();
        }
    }

    private static string Reveal(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
