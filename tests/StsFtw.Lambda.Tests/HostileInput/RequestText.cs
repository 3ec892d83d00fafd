using System.Globalization;
using System.Text;
using StsFtw.Core.Wire;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// Builds request bodies by hand, so a corpus entry can hold exactly the bytes it attacks with (raw UTF-8, duplicate
/// names, raw JSON tokens in place of a value) where a serializer would tidy them away.
/// </summary>
internal static class RequestText
{
    /// <summary>An issuer, account, code and role that pass every input rule; the account is not enrolled.</summary>
    public static readonly IReadOnlyList<(string Name, string Raw)> WellFormed =
    [
        (CredentialRequestFields.Issuer, Str("Example")),
        (CredentialRequestFields.AccountName, Str("mallory")),
        (CredentialRequestFields.TotpCode, Str("123456")),
        (CredentialRequestFields.Role, Str("Developer")),
    ];

    /// <summary>A JSON string literal that keeps every character raw except what JSON forces to be escaped, and lone surrogates (which UTF-8 cannot carry).</summary>
    public static string Str(string value)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var lone = (char.IsHighSurrogate(c) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])))
                || (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1])));
            if (c == '"' || c == '\\') text.Append('\\').Append(c);
            else if (c < 0x20 || lone) text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        return text.Append('"').ToString();
    }

    /// <summary>The well-formed request with <paramref name="field"/>'s value replaced by the raw JSON <paramref name="raw"/> (or added).</summary>
    public static string With(string field, string raw) => Render(Replace(WellFormed, field, raw));

    /// <summary>The well-formed request with <paramref name="field"/>'s value set to the string <paramref name="value"/>.</summary>
    public static string WithString(string field, string value) => With(field, Str(value));

    /// <summary>The well-formed request without <paramref name="field"/>.</summary>
    public static string Without(string field) => Render(WellFormed.Where(f => f.Name != field).ToList());

    /// <summary>The well-formed request with extra members appended (names and values raw JSON).</summary>
    public static string Plus(params (string RawName, string Raw)[] extra) =>
        "{" + string.Join(",", WellFormed.Select(f => Str(f.Name) + ":" + f.Raw).Concat(extra.Select(e => e.RawName + ":" + e.Raw))) + "}";

    /// <summary>The well-formed request as text.</summary>
    public static string Valid() => Render(WellFormed);

    /// <summary>UTF-8 bytes of <paramref name="text"/>.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The well-formed request with <paramref name="field"/>'s string value given as raw bytes (which need not be UTF-8).</summary>
    public static byte[] WithRawBytes(string field, byte[] valueBytes)
    {
        const string Marker = "\u0001MARK\u0001";
        var text = With(field, "\"" + Marker + "\"");
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        return [.. Utf8(text[..at]), .. valueBytes, .. Utf8(text[(at + Marker.Length)..])];
    }

    private static List<(string Name, string Raw)> Replace(IReadOnlyList<(string Name, string Raw)> fields, string field, string raw)
    {
        var result = fields.ToList();
        var index = result.FindIndex(f => f.Name == field);
        if (index < 0) result.Add((field, raw));
        else result[index] = (field, raw);
        return result;
    }

    private static string Render(IEnumerable<(string Name, string Raw)> fields) =>
        "{" + string.Join(",", fields.Select(f => Str(f.Name) + ":" + f.Raw)) + "}";
}
