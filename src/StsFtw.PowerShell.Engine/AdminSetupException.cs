namespace StsFtw.PowerShell.Engine;

/// <summary>The AWS clients could not be set up (no region, no credentials, a malformed setting).</summary>
/// <remarks>The message names the setting to fix and never contains a credential.</remarks>
public sealed class AdminSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AdminSetupException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
