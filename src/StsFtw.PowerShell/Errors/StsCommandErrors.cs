namespace StsFtw.PowerShell.Errors;

/// <summary>The error ids of Invoke-StsCommand.</summary>
public static class StsCommandErrors
{
    /// <summary>The credential object or the region cannot be put into an environment (an empty value, a line break, a malformed region).</summary>
    public const string InvalidInput = "StsCommand.InvalidInput";

    /// <summary>-FilePath names no program on PATH and no existing file.</summary>
    public const string CommandNotFound = "StsCommand.CommandNotFound";

    /// <summary>The program was found but could not be started (not executable, wrong format).</summary>
    public const string CommandFailedToStart = "StsCommand.CommandFailedToStart";

    /// <summary>The program exited with a code other than 0; the exception's ExitCode and $LASTEXITCODE hold it.</summary>
    public const string NonZeroExitCode = "StsCommand.NonZeroExitCode";
}
