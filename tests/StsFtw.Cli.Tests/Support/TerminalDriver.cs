namespace StsFtw.Cli.Tests.Support;

/// <summary>
/// The pseudo-terminal driver the module's Pester suites use too (tests/pester/Support/pty_run.py; its docstring has
/// the options): the binary gets a terminal to prompt on while its stdout is a pipe, as under eval or credential_process.
/// </summary>
internal static class TerminalDriver
{
    public static readonly string Script = Path.Combine(CliArtifacts.RepositoryRoot, "tests", "pester", "Support", "pty_run.py");
}
