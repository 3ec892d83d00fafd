namespace StsFtw.Cli;

/// <summary>A command failed for a reason that is not the arguments: one line on standard error, then <see cref="ExitCode"/>.</summary>
internal sealed class CommandFailedException(string message, int exitCode = CliApp.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
