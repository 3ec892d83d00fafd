using System.Text;

namespace StsFtw.Client.Output;

/// <summary>
/// Lines that set the AWS credential variables in a shell, for <c>eval "$(…)"</c> (bash, zsh), <c>… | source</c>
/// (fish), <c>… | Invoke-Expression</c> (PowerShell) or a <c>FOR /F</c> loop (cmd).
/// </summary>
/// <remarks>
/// Values are quoted for the shell so that nothing in them is interpreted. AWS credentials are base64-like (and the
/// endpoint client refuses anything else, <c>CredentialAnswerRules</c>), but the quoting does not rely on that: each
/// shell's quoting follows that language's own rule, and a value with a control character or (for cmd) a character
/// cmd cannot quote is refused. SECURITY.md, "The person's side", rule A2.
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
    /// <exception cref="ArgumentException">The value holds a control character (a line break among them), or one the shell cannot quote.</exception>
    public static string Line(ShellKind shell, string name, string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (value.Any(IsControl)) throw new ArgumentException($"The value of {name} contains a line break or another control character.", nameof(value));
        return shell switch
        {
            ShellKind.Bash => $"export {name}='{value.Replace("'", "'\\''")}'",
            ShellKind.Fish => $"set -gx {name} {FishQuoted(value)}",
            ShellKind.PowerShell => $"$env:{name} = {PowerShellQuoted(value)}",
            ShellKind.Cmd => $"set \"{name}={CmdSafe(name, value)}\"",
            _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "Unknown shell."),
        };
    }

    // C0, DEL and C1: a terminal acts on them, and a shell may too.
    private static bool IsControl(char c) => c < ' ' || (c >= '\x7f' && c <= '\x9f');

    // PowerShell's single-quoted string ends at any of ' U+2018 U+2019 U+201A U+201B, and the language's own escape
    // is to double the character (about_Quoting_Rules; the tokenizer's IsSingleQuote).
    private static string PowerShellQuoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (IsPowerShellSingleQuote(c)) builder.Append(c);
            builder.Append(c);
        }
        return builder.Append('\'').ToString();
    }

    private static bool IsPowerShellSingleQuote(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B';

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
