namespace StsFtw.PowerShell.Bench.Pwsh;

/// <summary>What one pwsh process did: wall-clock milliseconds from start to exit, its exit code and its output.</summary>
public sealed record PwshRun(double Milliseconds, int ExitCode, string Output, string Errors);
