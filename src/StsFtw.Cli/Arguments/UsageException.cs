namespace StsFtw.Cli.Arguments;

/// <summary>The command line or an STS_* setting is wrong: one line on stderr, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
