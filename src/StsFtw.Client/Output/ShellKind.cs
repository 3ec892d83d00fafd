namespace StsFtw.Client.Output;

/// <summary>The shells <see cref="ExportFormatter"/> writes variable assignments for.</summary>
public enum ShellKind
{
    /// <summary>POSIX shells: bash, zsh, sh, ksh (<c>export NAME='value'</c>).</summary>
    Bash,

    /// <summary>fish (<c>set -gx NAME 'value'</c>).</summary>
    Fish,

    /// <summary>PowerShell (<c>$env:NAME = 'value'</c>).</summary>
    PowerShell,

    /// <summary>Windows cmd.exe (<c>set "NAME=value"</c>).</summary>
    Cmd,
}
