using System.Text;

namespace StsFtw.Client.Files;

/// <summary>
/// Edits the text of an AWS config file (<c>~/.aws/config</c>, INI): adds, replaces or removes one profile's section
/// and leaves every other line exactly as it was — other profiles and sections, comments, blank lines, their order and
/// each line's own line ending (a CRLF file stays CRLF; lines added take the file's first line ending).
/// </summary>
/// <remarks>
/// <para>
/// Naming, as the AWS CLI reads it: the profile <c>default</c> is the section <c>[default]</c> (a
/// <c>[profile default]</c> section is the same profile); every other profile <c>x</c> is <c>[profile x]</c>, and a
/// bare <c>[x]</c> is not a profile in this file (it is one in the shared credentials file). Profile names follow
/// <see cref="SharedCredentialsFile.CheckProfileName"/>: letters, digits and <c>_-.@+</c>.
/// </para>
/// <para>
/// A profile's section runs from its header to the next header. What belongs to it is the header and everything up to
/// its last line that is neither blank nor a comment; comments and blank lines after that are left where they are, as
/// they usually introduce the next section. Replacing a profile replaces those lines with the new ones (no key of the
/// old profile survives, so an old <c>role_arn</c> or <c>sso_*</c> key cannot outrank the new
/// <c>credential_process</c>); removing deletes them. Repeated sections of the same profile (which the AWS CLI
/// rejects) are all replaced or removed.
/// </para>
/// <para>Pure text in, text out; writing the file safely is <see cref="OwnerOnlyFile"/>'s job.</para>
/// </remarks>
public static class AwsConfigFile
{
    /// <summary>The header of <paramref name="profile"/>'s section: <c>[default]</c> or <c>[profile name]</c>.</summary>
    public static string SectionHeader(string profile)
    {
        if (SharedCredentialsFile.CheckProfileName(profile) is { } reason) throw new ArgumentException(reason, nameof(profile));
        return profile == "default" ? "[default]" : $"[profile {profile}]";
    }

    /// <summary>The lines of the section <see cref="SetProfile"/> writes, header first, without line endings.</summary>
    /// <param name="profile">The profile name.</param>
    /// <param name="settings">The keys and values, in order; keys are lower-case ASCII letters, digits and '_', values one line.</param>
    public static IReadOnlyList<string> SectionLines(string profile, IEnumerable<KeyValuePair<string, string>> settings)
    {
        if (settings is null) throw new ArgumentNullException(nameof(settings));
        var lines = new List<string> { SectionHeader(profile) };
        foreach (var setting in settings)
        {
            if (CheckKey(setting.Key) is { } keyProblem) throw new ArgumentException(keyProblem, nameof(settings));
            if (CheckValue(setting.Value) is { } valueProblem) throw new ArgumentException($"The value of {setting.Key}: {valueProblem}", nameof(settings));
            lines.Add($"{setting.Key} = {setting.Value}");
        }
        return lines;
    }

    /// <summary>True when the text has a section for <paramref name="profile"/>.</summary>
    public static bool HasProfile(string? text, string profile)
    {
        SectionHeader(profile);
        return Sections(Split(text).Lines, profile).Count > 0;
    }

    /// <summary>
    /// The file text with <paramref name="profile"/>'s section set to <paramref name="settings"/>: replaced where the
    /// first one was, else appended after a blank line.
    /// </summary>
    public static string SetProfile(string? existing, string profile, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var section = SectionLines(profile, settings);
        var (lines, newLine) = Split(existing);
        var found = Sections(lines, profile);
        if (found.Count == 0)
        {
            if (lines.Count > 0 && lines[lines.Count - 1].Ending.Length == 0) lines[lines.Count - 1] = lines[lines.Count - 1].WithEnding(newLine);
            if (lines.Count > 0 && !IsBlank(lines[lines.Count - 1].Text)) lines.Add(new Line(string.Empty, newLine));
            lines.AddRange(section.Select(text => new Line(text, newLine)));
            return Join(lines);
        }
        for (var i = found.Count - 1; i > 0; i--) RemoveSection(lines, found[i]);
        var first = found[0];
        // A section that ended the file without a final line ending still does.
        var lastHadEnding = lines[first.End - 1].Ending.Length > 0;
        lines.RemoveRange(first.Start, first.End - first.Start);
        lines.InsertRange(first.Start, section.Select((text, i) => new Line(text, i == section.Count - 1 && !lastHadEnding ? string.Empty : newLine)));
        return Join(lines);
    }

    /// <summary>The file text without <paramref name="profile"/>'s section(s); <paramref name="removed"/> says whether there was one.</summary>
    public static string RemoveProfile(string? existing, string profile, out bool removed)
    {
        SectionHeader(profile);
        var (lines, _) = Split(existing);
        var found = Sections(lines, profile);
        removed = found.Count > 0;
        for (var i = found.Count - 1; i >= 0; i--) RemoveSection(lines, found[i]);
        return Join(lines);
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="profile"/>'s (first) section, or null.</summary>
    public static string? Read(string? text, string profile, string key)
    {
        SectionHeader(profile);
        var lines = Split(text).Lines;
        foreach (var section in Sections(lines, profile).Take(1))
        {
            for (var i = section.Start + 1; i < section.End; i++)
            {
                var equals = lines[i].Text.IndexOf('=');
                if (equals > 0 && !char.IsWhiteSpace(lines[i].Text[0]) && string.Equals(lines[i].Text.Substring(0, equals).Trim(), key, StringComparison.Ordinal))
                {
                    return lines[i].Text.Substring(equals + 1).Trim();
                }
            }
        }
        return null;
    }

    /// <summary>Null when <paramref name="key"/> is a usable key name (lower-case ASCII letters, digits, '_'), else why not.</summary>
    public static string? CheckKey(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "A key name is required.";
        foreach (var c in key!)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return "A key name may contain only lower-case letters, digits and '_'.";
        }
        return null;
    }

    /// <summary>
    /// Null when <paramref name="value"/> can be written as one key's value, else why not: not empty, no control
    /// character (a line break would start a new key), no white space at either end (the readers trim it), and no
    /// ';' or '#' after white space (some SDKs' readers take that as the start of a comment).
    /// </summary>
    public static string? CheckValue(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "The value is empty.";
        for (var i = 0; i < value!.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') return "The value holds a line break or another control character.";
            if ((c == ';' || c == '#') && i > 0 && char.IsWhiteSpace(value[i - 1])) return "The value holds ';' or '#' after white space, which some readers take as a comment.";
        }
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[value.Length - 1])) return "The value begins or ends with white space.";
        return null;
    }

    private static void RemoveSection(List<Line> lines, Section section)
    {
        var count = section.End - section.Start;
        // A blank line before the header and one after the section's own lines would now meet: keep one.
        var blankBefore = section.Start == 0 || IsBlank(lines[section.Start - 1].Text);
        lines.RemoveRange(section.Start, count);
        while (blankBefore && section.Start < lines.Count && IsBlank(lines[section.Start].Text) && (section.Start == 0 || IsBlank(lines[section.Start - 1].Text)))
        {
            lines.RemoveAt(section.Start);
        }
        // The last section gone: the blank lines that separated it go too, so adding a profile and removing it again
        // gives back the file as it was.
        if (section.Start == lines.Count)
        {
            while (lines.Count > 0 && IsBlank(lines[lines.Count - 1].Text)) lines.RemoveAt(lines.Count - 1);
        }
    }

    // Each section of the profile: from its header to its last line that is neither blank nor a comment.
    private static List<Section> Sections(List<Line> lines, string profile)
    {
        var found = new List<Section>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!IsProfileHeader(lines[i].Text, profile)) continue;
            var end = i + 1;
            var last = i;
            while (end < lines.Count && HeaderName(lines[end].Text) is null)
            {
                if (!IsBlank(lines[end].Text) && !IsComment(lines[end].Text)) last = end;
                end++;
            }
            found.Add(new Section(i, last + 1));
            i = end - 1;
        }
        return found;
    }

    private static bool IsProfileHeader(string line, string profile)
    {
        var name = HeaderName(line);
        if (name is null) return false;
        if (profile == "default" && name == "default") return true;
        // The AWS CLI splits the header's text into words: [profile  dev] is the profile dev too.
        var words = name.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 2 && words[0] == "profile" && words[1] == profile;
    }

    private static string? HeaderName(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '[' && trimmed[trimmed.Length - 1] == ']'
            ? trimmed.Substring(1, trimmed.Length - 2).Trim()
            : null;
    }

    private static bool IsBlank(string line) => line.Trim().Length == 0;

    private static bool IsComment(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("#", StringComparison.Ordinal) || trimmed.StartsWith(";", StringComparison.Ordinal);
    }

    // Lines with their own endings ("\n", "\r\n" or "" for a last line without one); the file's first ending is the one
    // new lines get ("\n" for a file that has none).
    private static (List<Line> Lines, string NewLine) Split(string? text)
    {
        var lines = new List<Line>();
        string? newLine = null;
        var start = 0;
        text ??= string.Empty;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(new Line(text.Substring(start), string.Empty));
                break;
            }
            var crlf = end > start && text[end - 1] == '\r';
            var ending = crlf ? "\r\n" : "\n";
            newLine ??= ending;
            lines.Add(new Line(text.Substring(start, end - start - (crlf ? 1 : 0)), ending));
            start = end + 1;
        }
        return (lines, newLine ?? "\n");
    }

    private static string Join(List<Line> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines) builder.Append(line.Text).Append(line.Ending);
        return builder.ToString();
    }

    private readonly struct Line
    {
        public Line(string text, string ending)
        {
            Text = text;
            Ending = ending;
        }

        public string Text { get; }

        public string Ending { get; }

        public Line WithEnding(string ending) => new(Text, ending);
    }

    private readonly struct Section
    {
        public Section(int start, int end)
        {
            Start = start;
            End = end;
        }

        public int Start { get; }

        public int End { get; }
    }
}
