using System.Text.Json;
using System.Text.Unicode;
using StsFtw.Core.Broker;
using StsFtw.Core.Wire;

namespace StsFtw.Lambda.Endpoint;

/// <summary>
/// Turns a request body into a <see cref="CredentialRequest"/>: one JSON object whose known members
/// (<see cref="CredentialRequestFields"/>, matched ignoring ASCII case, as Go's decoder did for these names) are strings or null, and
/// <c>DurationSeconds</c> a whole number. Unknown members are skipped; a body that is not UTF-8 (anywhere, skipped
/// members included), duplicates, wrong types, deep nesting and anything after the object are refused.
/// </summary>
/// <remarks>Field values are not checked here (lengths, characters, code format): that is the broker's validator's job.
/// Messages name only known fields and never echo a value.</remarks>
public static class CredentialRequestReader
{
    /// <summary>Nesting allowed inside skipped unknown members; the request itself is flat.</summary>
    public const int MaximumDepth = 4;

    private static readonly string[] KnownFields =
    [
        CredentialRequestFields.Issuer,
        CredentialRequestFields.AccountName,
        CredentialRequestFields.TotpCode,
        CredentialRequestFields.SecondaryAccountName,
        CredentialRequestFields.SecondaryTotpCode,
        CredentialRequestFields.Role,
        CredentialRequestFields.DurationSeconds,
    ];

    private static readonly string[] FoldedKnownFields = KnownFields.Select(FoldAscii).ToArray();

    /// <summary>Reads <paramref name="body"/>; on failure <paramref name="problem"/> says why, in one sentence.</summary>
    public static CredentialRequest? Read(ReadOnlySpan<byte> body, out string? problem)
    {
        // The JSON reader checks UTF-8 only in the strings it decodes, not in members it skips.
        if (!Utf8.IsValid(body))
        {
            problem = "The body is not valid UTF-8.";
            return null;
        }
        try
        {
            return ReadObject(body, out problem);
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8, found when it is read.
            problem = "The body is not valid JSON.";
            return null;
        }
    }

    private static CredentialRequest? ReadObject(ReadOnlySpan<byte> body, out string? problem)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaximumDepth, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problem = "The body must be a JSON object.";
            return null;
        }

        var values = new string?[KnownFields.Length];
        var seen = new bool[KnownFields.Length];
        var otherNames = new HashSet<string>(StringComparer.Ordinal);
        int? duration = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = FoldAscii(reader.GetString()!);
            var index = Array.IndexOf(FoldedKnownFields, name);
            if (!reader.Read()) break;
            if (index < 0)
            {
                if (!otherNames.Add(name))
                {
                    problem = "A member appears more than once.";
                    return null;
                }
                reader.Skip();
                continue;
            }

            var field = KnownFields[index];
            if (seen[index])
            {
                problem = $"{field} appears more than once.";
                return null;
            }
            seen[index] = true;
            if (reader.TokenType == JsonTokenType.Null) continue;

            if (field == CredentialRequestFields.DurationSeconds)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var seconds))
                {
                    problem = $"{field} must be a whole number of seconds.";
                    return null;
                }
                duration = seconds;
                continue;
            }
            if (reader.TokenType != JsonTokenType.String)
            {
                problem = $"{field} must be a string.";
                return null;
            }
            values[index] = reader.GetString();
        }
        // Anything after the closing brace (a second object, stray text) is an error from the reader itself.
        while (reader.Read())
        {
        }

        problem = null;
        return new CredentialRequest(
            Issuer: values[0],
            AccountName: values[1],
            TotpCode: values[2],
            Role: values[5],
            SecondaryAccountName: values[3],
            SecondaryTotpCode: values[4],
            DurationSeconds: duration);
    }

    // Only ASCII letters are folded: culture-aware or Unicode folding would make the answer depend on the runtime's
    // globalization mode (the AOT build runs invariant), e.g. whether "Iſſuer" (long s) names Issuer.
    private static string FoldAscii(string name) =>
        string.Create(name.Length, name, static (folded, source) =>
        {
            for (var i = 0; i < source.Length; i++) folded[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
        });
}
