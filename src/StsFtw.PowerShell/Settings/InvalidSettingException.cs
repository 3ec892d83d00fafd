namespace StsFtw.PowerShell.Settings;

/// <summary>A setting (from a parameter or its STS_* variable) is malformed; the message says which and why, never the value of a secret.</summary>
public sealed class InvalidSettingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidSettingException(string message)
        : base(message)
    {
    }
}
