using System.Text.Json;
using StsFtw.Core.Wire;

namespace StsFtw.Client.Enrollment;

/// <summary>Writes the enrollment routes' request bodies and reads their 200 answers (exact member names, docs/INVITATIONS.md).</summary>
internal static class EnrollmentJson
{
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 4 };

    public static byte[] WriteStart(EnrollmentStartInput input) => Write(writer =>
    {
        writer.WriteString(EnrollmentFields.Issuer, input.Issuer);
        writer.WriteString(EnrollmentFields.AccountName, input.AccountName);
        writer.WriteString(EnrollmentFields.InvitationCode, EnrollmentInputRules.Canonical(input.InvitationCode));
        if (input.CurrentCode is not null) writer.WriteString(EnrollmentFields.CurrentCode, input.CurrentCode);
    });

    public static byte[] WriteConfirm(EnrollmentConfirmInput input) => Write(writer =>
    {
        writer.WriteString(EnrollmentFields.Issuer, input.Issuer);
        writer.WriteString(EnrollmentFields.AccountName, input.AccountName);
        writer.WriteString(EnrollmentFields.InvitationCode, EnrollmentInputRules.Canonical(input.InvitationCode));
        writer.WriteString(EnrollmentFields.FirstCode, input.FirstCode);
        writer.WriteString(EnrollmentFields.SecondCode, input.SecondCode);
    });

    /// <summary>The string members of a 200 JSON object (a boolean as "true"/"false"); null when the body is not one.</summary>
    public static Dictionary<string, string>? ReadMembers(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ReadOptions);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            var members = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var text = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                // A duplicate member is not what the backend writes: refuse the answer rather than pick one.
                if (text is null || members.ContainsKey(property.Name)) return null;
                members[property.Name] = text;
            }
            return members;
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
