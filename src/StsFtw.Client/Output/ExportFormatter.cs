using System.Text;

namespace StsFtw.Client.Output;

/// <summary>
/// Lines that set the AWS credential variables in a shell, for <c>eval "$(…)"</c> (bash, zsh), <c>… | source</c>
/// (fish), <c>… | Invoke-Expression</c> (PowerShell) or a <c>FOR /F</c> loop (cmd).
/// </summary>
/// <remarks>
/// Values are quoted for the shell so that nothing in them is interpreted. AWS credentials are base64-like, but the
/// quoting does not rely on that: a value with a line break or (for cmd) a character cmd cannot quote is refused.
/// </remarks>
public static class ExportFormatter
{
    /// <summary>One line per variable.</summary>
    /// <exception cref="ArgumentException">A value cannot be written safely for <paramref name="shell"/>.</exception>
    public static IReadOnlyList<string> Format(BrokeredCredentials credentials, ShellKind shell) => Format(credentials, shell, null);

    /// <summary>One line per variable, and with <paramref name="region"/> two more: <c>AWS_REGION</c> and <c>AWS_DEFAULT_REGION</c>.</summary>
    /// <exception cref="ArgumentException">A value cannot be written safely for <paramref name="shell"/>, or <paramref name="region"/> is not a region name.</exception>
    public static IReadOnlyList<string> Format(BrokeredCredentials credentials, ShellKind shell, string? region)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        return AwsCredentialVariables.For(credentials, region).Select(pair => Line(shell, pair.Key, pair.Value)).ToArray();
    }

    /// <summary>The line that sets <paramref name="name"/> to <paramref name="value"/>.</summary>
    public static string Line(ShellKind shell, string name, string value)
    {
        if (value.IndexOfAny(new[] { '\r', '\n', '\0' }) >= 0) throw new ArgumentException($"The value of {name} contains a line break.", nameof(value));
        return shell switch
        {
            ShellKind.Bash => $"export {name}={SingleQuoted(value, "'\\''")}",
            ShellKind.Fish => $"set -gx {name} {FishQuoted(value)}",
            ShellKind.PowerShell => $"$env:{name} = {SingleQuoted(value, "''")}",
            ShellKind.Cmd => $"set \"{name}={CmdSafe(name, value)}\"",
            _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "Unknown shell."),
        };
    }

    private static string SingleQuoted(string value, string escapedQuote) => "'" + value.Replace("'", escapedQuote) + "'";

    private static string FishQuoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (c == '\'' || c == '\\') builder.Append('\\');
            builder.Append(c);
        }
        return builder.Append('\'').ToString();
    }

    // Inside set "NAME=value" cmd still expands %VAR% and, with delayed expansion, !VAR!; a quote would end the
    // quoted part. Credentials never contain these, so refuse rather than guess at an escape.
    private static string CmdSafe(string name, string value) =>
        value.IndexOfAny(new[] { '"', '%', '!', '^' }) >= 0
            ? throw new ArgumentException($"The value of {name} contains a character cmd.exe cannot quote.", nameof(value))
            : value;
}
