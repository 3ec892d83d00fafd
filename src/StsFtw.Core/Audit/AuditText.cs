using System.Globalization;
using System.Text;

namespace StsFtw.Core.Audit;

/// <summary>
/// Text from a request, made safe to show in an e-mail: quoted, with anything that could forge a line, hide
/// characters or reorder them escaped, and bounded (SECURITY.md, "Someone who can read the logs or the audit topic").
/// </summary>
/// <remarks>
/// Escaped as <c>\uXXXX</c> (or <c>\U00XXXXXX</c> beyond the BMP): control and format characters (bidi overrides,
/// zero-width joiners), line and paragraph separators, spaces other than U+0020, private-use, unassigned and lone
/// surrogate code points; <c>"</c> and <c>\</c> are escaped with a backslash. Past <see cref="MaximumCharacters"/>
/// characters the value is cut and marked.
/// </remarks>
public static class AuditText
{
    /// <summary>How many characters of a request's value a message shows.</summary>
    public const int MaximumCharacters = 64;

    /// <summary>Quotes, escapes and bounds <paramref name="value"/>.</summary>
    public static string Quote(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var builder = new StringBuilder(value.Length + 2).Append('"');
        var shown = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (shown == MaximumCharacters)
            {
                return builder.Append("\" (cut at ").Append(MaximumCharacters.ToString(CultureInfo.InvariantCulture)).Append(" characters)").ToString();
            }
            shown++;
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (IsUnsafe(CharUnicodeInfo.GetUnicodeCategory(value, i)))
                {
                    builder.Append("\\U").Append(char.ConvertToUtf32(c, value[i + 1]).ToString("X8", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c).Append(value[i + 1]);
                }
                i++;
            }
            else if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c != ' ' && IsUnsafe(CharUnicodeInfo.GetUnicodeCategory(c)))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.Append('"').ToString();
    }

    private static bool IsUnsafe(UnicodeCategory category) => category is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
