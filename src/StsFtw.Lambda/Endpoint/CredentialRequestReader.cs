using System.Text.Json;
using StsFtw.Core.Broker;
using StsFtw.Core.Wire;

namespace StsFtw.Lambda.Endpoint;

/// <summary>
/// Turns a request body into a <see cref="CredentialRequest"/>: one JSON object whose known members
/// (<see cref="CredentialRequestFields"/>, matched case-insensitively as Go's decoder did) are strings or null, and
/// <c>DurationSeconds</c> a whole number. Unknown members are skipped; duplicates, wrong types, deep nesting and
/// anything after the object are refused.
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

    /// <summary>Reads <paramref name="body"/>; on failure <paramref name="problem"/> says why, in one sentence.</summary>
    public static CredentialRequest? Read(ReadOnlySpan<byte> body, out string? problem)
    {
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
        var otherNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int? duration = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            var index = Array.FindIndex(KnownFields, f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
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
}
