namespace StsFtw.PowerShell.Errors;

/// <summary>The program Invoke-StsCommand ran exited with a code other than 0.</summary>
public sealed class StsCommandExitException : StsFtwException
{
    /// <summary>Creates the exception.</summary>
    public StsCommandExitException(string program, int exitCode)
        : base($"{program} exited with code {exitCode}.")
    {
        Program = program;
        ExitCode = exitCode;
    }

    /// <summary>The program that ran (its full path).</summary>
    public string Program { get; }

    /// <summary>Its exit code (also in $LASTEXITCODE).</summary>
    public int ExitCode { get; }
}
