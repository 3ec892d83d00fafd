namespace StsFtw.PowerShell.Output;

/// <summary>The shell Get-StsCredential -AsExport writes lines for.</summary>
public enum ExportShell
{
    /// <summary>bash, zsh, sh: <c>export NAME='value'</c>, for <c>eval "$(…)"</c>.</summary>
    Bash,

    /// <summary>zsh (the same lines as bash).</summary>
    Zsh,

    /// <summary>fish: <c>set -gx NAME 'value'</c>, for <c>… | source</c>.</summary>
    Fish,

    /// <summary>PowerShell: <c>$env:NAME = 'value'</c>, for <c>… | Invoke-Expression</c>.</summary>
    PowerShell,

    /// <summary>cmd.exe: <c>set "NAME=value"</c>.</summary>
    Cmd,
}
