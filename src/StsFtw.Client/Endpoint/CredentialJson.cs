using System.Text.Json;
using StsFtw.Core.Wire;

namespace StsFtw.Client.Endpoint;

/// <summary>Writes the request body and reads the response bodies of the credential endpoint (System.Text.Json).</summary>
internal static class CredentialJson
{
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 8 };

    /// <summary>The request body, with STSFTW's field names.</summary>
    public static byte[] WriteRequest(CredentialRequestInput input)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(CredentialRequestFields.Issuer, input.Issuer);
            writer.WriteString(CredentialRequestFields.AccountName, input.AccountName);
            writer.WriteString(CredentialRequestFields.TotpCode, input.TotpCode);
            writer.WriteString(CredentialRequestFields.Role, input.Role);
            if (input.SecondaryAccountName is not null)
            {
                writer.WriteString(CredentialRequestFields.SecondaryAccountName, input.SecondaryAccountName);
                writer.WriteString(CredentialRequestFields.SecondaryTotpCode, input.SecondaryTotpCode);
            }
            if (input.DurationSeconds is { } duration) writer.WriteNumber(CredentialRequestFields.DurationSeconds, duration);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a 200 body; null when it lacks any of the three required fields or is not a JSON object. The values are
    /// not judged here: <see cref="CredentialAnswerRules"/> does, with <paramref name="expirationText"/> as sent.
    /// </summary>
    public static BrokeredCredentials? ReadCredentials(byte[] body, out string? expirationText)
    {
        expirationText = null;
        using var document = Parse(body);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object) return null;
        var root = document.RootElement;
        var accessKeyId = String(root, CredentialResponseFields.AccessKeyId);
        var secretAccessKey = String(root, CredentialResponseFields.SecretAccessKey);
        var sessionToken = String(root, CredentialResponseFields.SessionToken);
        if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretAccessKey) || string.IsNullOrEmpty(sessionToken)) return null;
        expirationText = String(root, CredentialResponseFields.Expiration);
        return new BrokeredCredentials(accessKeyId!, secretAccessKey!, sessionToken!)
        {
            Expiration = CredentialAnswerRules.ReadExpiration(expirationText),
            RoleArn = String(root, CredentialResponseFields.RoleArn),
            AssumedRoleArn = String(root, CredentialResponseFields.AssumedRoleArn),
            Issuer = String(root, CredentialResponseFields.Issuer),
            AccountName = String(root, CredentialResponseFields.AccountName),
            SecondaryAccountName = String(root, CredentialResponseFields.SecondaryAccountName),
        };
    }

    /// <summary>Reads an RFC 9457 body; null when it is not a JSON object.</summary>
    public static ProblemDocument? ReadProblem(byte[] body)
    {
        using var document = Parse(body);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object) return null;
        var root = document.RootElement;
        var problems = new List<string>();
        if (root.TryGetProperty(ProblemFields.Problems, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && problems.Count < 32) problems.Add(item.GetString()!);
            }
        }
        int? retryAfter = null;
        if (root.TryGetProperty(ProblemFields.RetryAfterSeconds, out var seconds) && seconds.ValueKind == JsonValueKind.Number && seconds.TryGetInt32(out var value) && value >= 0)
        {
            retryAfter = value;
        }
        return new ProblemDocument(
            String(root, ProblemFields.Type),
            String(root, ProblemFields.Title),
            String(root, ProblemFields.Detail),
            String(root, ProblemFields.Instance),
            problems,
            retryAfter);
    }

    private static JsonDocument? Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, ReadOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Names are matched exactly first, then ignoring case (a backend written in Go matches either way).
    private static string? String(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            foreach (var property in root.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    break;
                }
            }
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
