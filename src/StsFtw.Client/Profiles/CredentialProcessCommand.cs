using System.Text;

namespace StsFtw.Client.Profiles;

/// <summary>
/// Builds the <c>credential_process</c> command line of an AWS profile, quoted so that every program that reads it
/// splits it into the same arguments: the AWS CLI and boto3 (<c>shlex.split</c> on Linux and macOS, Windows command-line
/// rules on Windows), and SDKs that hand it to <c>sh -c</c> (Go, JavaScript, Java) or <c>cmd.exe /c</c> on Windows.
/// </summary>
/// <remarks>
/// <para>
/// Rather than escape, it refuses: an argument made only of <c>A-Z a-z 0-9 _ . / : = @ + , -</c> is written as is;
/// any other is put in double quotes, and may then also hold spaces and <c>' ; | &amp; &lt; &gt; ( ) [ ] { } * ? ~</c>,
/// which none of those readers treat specially inside double quotes. Refused everywhere: <c>"</c>, <c>\</c>,
/// <c>$</c>, <c>`</c>, <c>%</c>, <c>!</c>, <c>#</c>, control characters, anything outside printable ASCII (PowerShell
/// takes the typographic quotes ‘ ’ “ ” as quotes), and a ';' after white space (some SDKs' INI readers take it for
/// a comment).
/// </para>
/// <para>
/// Each value inside an argument is checked first, with a narrower set (<see cref="NameCharacters"/> and the like):
/// no value may hold a quote of any kind, so the PowerShell client can put values in single-quoted strings.
/// </para>
/// </remarks>
public static class CredentialProcessCommand
{
    /// <summary>What names, roles and role ARNs may hold: ASCII letters, digits, space and <c>_ . + = , @ : / -</c>.</summary>
    public const string NameCharacters = " _.+=,@:/-";

    /// <summary>What the endpoint URL may hold: ASCII letters, digits and <c>_ . ~ : / [ ] -</c> (no query, no percent-encoding).</summary>
    public const string UrlCharacters = "_.~:/[]-";

    /// <summary>What a module name may hold: ASCII letters, digits and <c>_ . -</c>.</summary>
    public const string ModuleCharacters = "_.-";

    /// <summary>What a code command may hold: ASCII letters, digits, space and <c>_ . + = , @ : / | ~ -</c>.</summary>
    public const string CodeCommandCharacters = " _.+=,@:/|~-";

    private const string BareCharacters = "_./:=@+,-";
    private const string QuotedOnlyCharacters = " ';|&<>()[]{}*?~";

    /// <summary>The command line for <paramref name="request"/> run by <paramref name="client"/>.</summary>
    /// <exception cref="ArgumentException">A value or an argument cannot be written safely; the message says which and why, never the value.</exception>
    public static string Format(CredentialProcessClient client, CredentialProcessRequest request) => Join(Arguments(client, request));

    /// <summary>The argument vector the command line of <see cref="Format"/> splits into.</summary>
    /// <exception cref="ArgumentException">A value or an argument cannot be written safely.</exception>
    public static IReadOnlyList<string> Arguments(CredentialProcessClient client, CredentialProcessRequest request)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (request is null) throw new ArgumentNullException(nameof(request));
        var problems = request.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(request));
        var arguments = client.Arguments(request);
        if (arguments.Count == 0) throw new ArgumentException("The client gave no program to run.", nameof(client));
        foreach (var argument in arguments)
        {
            if (CheckArgument(argument) is { } problem) throw new ArgumentException("An argument of the command line: " + problem, nameof(request));
        }
        return arguments;
    }

    /// <summary>The arguments quoted and joined with single spaces.</summary>
    /// <exception cref="ArgumentException">An argument cannot be written safely.</exception>
    public static string Join(IEnumerable<string> arguments)
    {
        if (arguments is null) throw new ArgumentNullException(nameof(arguments));
        var builder = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (CheckArgument(argument) is { } problem) throw new ArgumentException(problem, nameof(arguments));
            if (builder.Length > 0) builder.Append(' ');
            builder.Append(argument.All(c => IsAsciiLetterOrDigit(c) || BareCharacters.IndexOf(c) >= 0) ? argument : "\"" + argument + "\"");
        }
        return builder.ToString();
    }

    /// <summary>Null when <paramref name="argument"/> can be written into the command line, else why not (never echoing it).</summary>
    public static string? CheckArgument(string? argument)
    {
        if (string.IsNullOrEmpty(argument)) return "An argument is empty.";
        for (var i = 0; i < argument!.Length; i++)
        {
            var c = argument[i];
            if (!IsAsciiLetterOrDigit(c) && BareCharacters.IndexOf(c) < 0 && QuotedOnlyCharacters.IndexOf(c) < 0)
            {
                return c < ' ' || c > '~'
                    ? "It holds a control character or a character outside printable ASCII."
                    : $"It holds '{c}', which a shell or the AWS CLI would read specially.";
            }
            if (c == ';' && i > 0 && argument[i - 1] == ' ') return "It holds ';' after a space, which some readers of the config file take as a comment.";
        }
        if (argument[0] == ' ' || argument[argument.Length - 1] == ' ') return "It begins or ends with a space.";
        return null;
    }

    /// <summary>
    /// Null when <paramref name="value"/> holds only ASCII letters, digits and <paramref name="allowed"/>, and does not
    /// begin or end with a space; else a sentence naming <paramref name="field"/> (never the value).
    /// </summary>
    public static string? CheckValue(string? value, string field, string allowed)
    {
        if (allowed is null) throw new ArgumentNullException(nameof(allowed));
        if (string.IsNullOrEmpty(value)) return $"{field} is required.";
        var text = value!;
        if (text.Any(c => !IsAsciiLetterOrDigit(c) && allowed.IndexOf(c) < 0) || text[0] == ' ' || text[text.Length - 1] == ' ')
        {
            return $"{field} may contain only ASCII letters, digits and {Describe(allowed)} to be written into a credential_process command line " +
                "(quotes, '$', '`', ';', '%', line breaks and non-ASCII characters are refused).";
        }
        return null;
    }

    private static string Describe(string allowed) =>
        string.Join(" ", allowed.Select(c => c == ' ' ? "space" : c.ToString()));

    private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
