using System.Text;

namespace StsFtw.Client.Files;

/// <summary>
/// Edits the text of an AWS shared credentials file (<c>~/.aws/credentials</c>, INI format): sets or removes one
/// profile's keys and leaves every other line — other profiles, comments, other keys of the same profile — as it was.
/// </summary>
/// <remarks>Pure text in, text out; writing the file safely is <see cref="OwnerOnlyFile"/>'s job.</remarks>
public static class SharedCredentialsFile
{
    /// <summary>Longest profile name accepted.</summary>
    public const int MaximumProfileNameLength = 128;

    /// <summary>The key names written for a profile.</summary>
    public static IReadOnlyList<string> CredentialKeys { get; } = new[] { "aws_access_key_id", "aws_secret_access_key", "aws_session_token" };

    /// <summary>The key of a profile's region.</summary>
    public const string RegionKey = "region";

    /// <summary>Null when <paramref name="profile"/> is a usable profile name (letters, digits, <c>_-.@+</c>), else why not.</summary>
    public static string? CheckProfileName(string? profile)
    {
        if (string.IsNullOrEmpty(profile)) return "The profile name is required.";
        if (profile!.Length > MaximumProfileNameLength) return $"The profile name is longer than {MaximumProfileNameLength} characters.";
        foreach (var c in profile)
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_-.@+".IndexOf(c) >= 0;
            if (!ok) return "The profile name may contain only letters, digits and _-.@+.";
        }
        return null;
    }

    /// <summary>The file text with <paramref name="profile"/>'s credential keys set (the section is added when missing).</summary>
    public static string SetProfile(string? existing, string profile, BrokeredCredentials credentials) => SetProfile(existing, profile, credentials, null);

    /// <summary>
    /// As <see cref="SetProfile(string?, string, BrokeredCredentials)"/>, and with <paramref name="region"/> also the
    /// profile's <c>region</c> key (replacing one that was there); without a region an existing <c>region</c> line stays.
    /// </summary>
    /// <exception cref="ArgumentException">The profile name, a credential value or <paramref name="region"/> is not acceptable.</exception>
    public static string SetProfile(string? existing, string profile, BrokeredCredentials credentials, string? region)
    {
        if (CheckProfileName(profile) is { } reason) throw new ArgumentException(reason, nameof(profile));
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        Output.AwsRegionName.ThrowIfInvalid(region, nameof(region));
        var values = new[] { credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken };
        foreach (var value in values)
        {
            if (value.IndexOfAny(new[] { '\r', '\n' }) >= 0) throw new ArgumentException("A credential value contains a line break.", nameof(credentials));
        }

        var lines = SplitLines(existing);
        var (start, end) = FindSection(lines, profile);
        var assignments = CredentialKeys.Select((key, i) => $"{key} = {values[i]}").ToList();
        if (region is not null) assignments.Add($"{RegionKey} = {region}");
        if (start < 0)
        {
            while (lines.Count > 0 && lines[lines.Count - 1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
            if (lines.Count > 0) lines.Add(string.Empty);
            lines.Add($"[{profile}]");
            lines.AddRange(assignments);
            return JoinLines(lines);
        }

        var body = lines.Skip(start + 1).Take(end - start - 1).Where(line => !IsCredentialKey(line) && !(region is not null && IsKey(line, RegionKey))).ToList();
        var keepTrailingBlank = body.Count > 0 && body[body.Count - 1].Trim().Length == 0;
        while (body.Count > 0 && body[body.Count - 1].Trim().Length == 0) body.RemoveAt(body.Count - 1);
        body.AddRange(assignments);
        if (keepTrailingBlank || end < lines.Count) body.Add(string.Empty);
        lines.RemoveRange(start + 1, end - start - 1);
        lines.InsertRange(start + 1, body);
        return JoinLines(lines);
    }

    /// <summary>The file text without <paramref name="profile"/>'s section; <paramref name="removed"/> says whether it was there.</summary>
    public static string RemoveProfile(string? existing, string profile, out bool removed)
    {
        if (CheckProfileName(profile) is { } reason) throw new ArgumentException(reason, nameof(profile));
        var lines = SplitLines(existing);
        var (start, end) = FindSection(lines, profile);
        removed = start >= 0;
        if (removed) lines.RemoveRange(start, end - start);
        return JoinLines(lines);
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="profile"/>, or null.</summary>
    public static string? Read(string? text, string profile, string key)
    {
        var lines = SplitLines(text);
        var (start, end) = FindSection(lines, profile);
        for (var i = start + 1; start >= 0 && i < end; i++)
        {
            var equals = lines[i].IndexOf('=');
            if (equals > 0 && string.Equals(lines[i].Substring(0, equals).Trim(), key, StringComparison.OrdinalIgnoreCase))
            {
                return lines[i].Substring(equals + 1).Trim();
            }
        }
        return null;
    }

    private static bool IsCredentialKey(string line) => CredentialKeys.Any(k => IsKey(line, k));

    private static bool IsKey(string line, string key)
    {
        var equals = line.IndexOf('=');
        return equals > 0 && string.Equals(line.Substring(0, equals).Trim(), key, StringComparison.OrdinalIgnoreCase);
    }

    // The section runs from its header to the next header (or the end); a repeated header counts as the first.
    private static (int Start, int End) FindSection(List<string> lines, string profile)
    {
        var start = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var name = SectionName(lines[i]);
            if (name is null) continue;
            if (start >= 0) return (start, i);
            if (string.Equals(name, profile, StringComparison.Ordinal)) start = i;
        }
        return (start, lines.Count);
    }

    private static string? SectionName(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '[' && trimmed[trimmed.Length - 1] == ']'
            ? trimmed.Substring(1, trimmed.Length - 2).Trim()
            : null;
    }

    private static List<string> SplitLines(string? text)
    {
        if (string.IsNullOrEmpty(text)) return new List<string>();
        var lines = text!.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines[lines.Count - 1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static string JoinLines(List<string> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines) builder.Append(line).Append('\n');
        return builder.ToString();
    }
}
