using System.Text.Json;
using System.Text.Unicode;
using StsFtw.Core.Invitations;
using StsFtw.Core.Wire;

namespace StsFtw.Lambda.Endpoint;

/// <summary>
/// Reads the enrollment routes' bodies: one flat JSON object whose members (<see cref="EnrollmentFields"/>, exact names)
/// are strings or null. Unlike the credential request (which STSFTW's clients shape) there is nothing to be lenient
/// with: unknown members, duplicates, other types, nesting, invalid UTF-8 and anything after the object are refused.
/// </summary>
/// <remarks>Values are checked by the enrollment broker. Messages name only known fields and never echo a value.</remarks>
public static class EnrollmentRequestReader
{
    private static readonly string[] StartFields = [EnrollmentFields.Issuer, EnrollmentFields.AccountName, EnrollmentFields.InvitationCode, EnrollmentFields.CurrentCode];

    private static readonly string[] ConfirmFields =
        [EnrollmentFields.Issuer, EnrollmentFields.AccountName, EnrollmentFields.InvitationCode, EnrollmentFields.FirstCode, EnrollmentFields.SecondCode];

    /// <summary>Reads a start body; on failure <paramref name="problem"/> says why.</summary>
    public static StartEnrollmentRequest? ReadStart(ReadOnlySpan<byte> body, out string? problem)
    {
        var values = Read(body, StartFields, out problem);
        return values is null ? null : new StartEnrollmentRequest(values[0], values[1], values[2], values[3]);
    }

    /// <summary>Reads a confirm body; on failure <paramref name="problem"/> says why.</summary>
    public static ConfirmEnrollmentRequest? ReadConfirm(ReadOnlySpan<byte> body, out string? problem)
    {
        var values = Read(body, ConfirmFields, out problem);
        return values is null ? null : new ConfirmEnrollmentRequest(values[0], values[1], values[2], values[3], values[4]);
    }

    private static string?[]? Read(ReadOnlySpan<byte> body, string[] fields, out string? problem)
    {
        if (!Utf8.IsValid(body))
        {
            problem = "The body is not valid UTF-8.";
            return null;
        }
        try
        {
            return ReadObject(body, fields, out problem);
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException)
        {
            problem = "The body is not valid JSON.";
            return null;
        }
    }

    private static string?[]? ReadObject(ReadOnlySpan<byte> body, string[] fields, out string? problem)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 2, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problem = "The body must be a JSON object.";
            return null;
        }
        var values = new string?[fields.Length];
        var seen = new bool[fields.Length];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var index = Array.IndexOf(fields, reader.GetString());
            if (index < 0)
            {
                problem = "The body has a member this route does not know; allowed: " + string.Join(", ", fields) + ".";
                return null;
            }
            if (seen[index])
            {
                problem = $"{fields[index]} appears more than once.";
                return null;
            }
            seen[index] = true;
            if (!reader.Read()) break;
            if (reader.TokenType == JsonTokenType.Null) continue;
            if (reader.TokenType != JsonTokenType.String)
            {
                problem = $"{fields[index]} must be a string.";
                return null;
            }
            values[index] = reader.GetString();
        }
        // Anything after the closing brace is an error from the reader itself.
        while (reader.Read())
        {
        }
        problem = null;
        return values;
    }
}
