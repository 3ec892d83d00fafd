namespace StsFtw.Sandbox.Output;

/// <summary>Lines that set and remove environment variables in pwsh and in POSIX shells, each value quoted literally.</summary>
public static class ShellLines
{
    /// <summary><c>$env:NAME = 'value'</c>.</summary>
    public static string PowerShellSet(string name, string value) => $"$env:{name} = '{value.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary><c>Remove-Item Env:NAME</c>, silent when it is not set.</summary>
    public static string PowerShellRemove(string name) => $"Remove-Item Env:{name} -ErrorAction Ignore";

    /// <summary><c>export NAME='value'</c> (bash, zsh, sh).</summary>
    public static string PosixSet(string name, string value) => $"export {name}='{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary><c>unset NAME</c>.</summary>
    public static string PosixRemove(string name) => $"unset {name}";
}
