using System.Globalization;
using System.Text.Json;

namespace StsFtw.Client.Cache;

/// <summary>
/// The one file format of a credential cache entry, shared by the PowerShell module and the native client (see
/// docs/CACHE.md). Written with <see cref="Utf8JsonWriter"/> and read with <see cref="Utf8JsonReader"/> (no reflection).
/// </summary>
/// <remarks>
/// <code>
/// {"Format":"stsftw-credential-cache","Version":1,"StoredAt":"2026-11-30T10:00:00Z",
///  "Key":{"Endpoint":"https://sts.example.com/","Issuer":"Example","AccountName":"alice","Role":"admin",
///         "SecondaryAccountName":"bob","DurationSeconds":3600},
///  "Credentials":{"AccessKeyId":"ASIA…","SecretAccessKey":"…","SessionToken":"…","Expiration":"2026-11-30T11:00:00Z",
///                 "RoleArn":"…","AssumedRoleArn":"…","Issuer":"…","AccountName":"…","SecondaryAccountName":"…"}}
/// </code>
/// Optional members (the co-signer, the duration, the descriptive credential fields) are left out when absent.
/// Timestamps are ISO 8601 UTC to the second. A reader refuses: anything but one UTF-8 JSON object, a
/// <c>Format</c> other than <c>stsftw-credential-cache</c>, a <c>Version</c> other than <see cref="Version"/>, a member
/// twice, a member of the wrong type, a missing required member, an <c>Expiration</c> it cannot parse; it skips members
/// it does not know, so version 1 can grow optional members. On Windows the file holds this JSON encrypted with DPAPI.
/// </remarks>
internal static class CredentialCacheFormat
{
    public const string FormatName = "stsftw-credential-cache";
    public const int Version = 1;
    private const int MaximumDepth = 4;

    public static byte[] Write(CredentialCacheEntry entry)
    {
        var key = entry.Key;
        var credentials = entry.Credentials;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("Format", FormatName);
            writer.WriteNumber("Version", Version);
            writer.WriteString("StoredAt", IsoTimestamp.Format(entry.StoredAt));
            writer.WriteStartObject("Key");
            writer.WriteString("Endpoint", key.Endpoint);
            writer.WriteString("Issuer", key.Issuer);
            writer.WriteString("AccountName", key.AccountName);
            writer.WriteString("Role", key.Role);
            Optional(writer, "SecondaryAccountName", key.SecondaryAccountName);
            if (key.DurationSeconds is { } duration) writer.WriteNumber("DurationSeconds", duration);
            writer.WriteEndObject();
            writer.WriteStartObject("Credentials");
            writer.WriteString("AccessKeyId", credentials.AccessKeyId);
            writer.WriteString("SecretAccessKey", credentials.SecretAccessKey);
            writer.WriteString("SessionToken", credentials.SessionToken);
            writer.WriteString("Expiration", IsoTimestamp.Format(credentials.Expiration ?? throw new ArgumentException("Credentials without an expiration are never cached.", nameof(entry))));
            Optional(writer, "RoleArn", credentials.RoleArn);
            Optional(writer, "AssumedRoleArn", credentials.AssumedRoleArn);
            Optional(writer, "Issuer", credentials.Issuer);
            Optional(writer, "AccountName", credentials.AccountName);
            Optional(writer, "SecondaryAccountName", credentials.SecondaryAccountName);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The entry, or null with the reason (<see cref="CacheLookupStatus.Damaged"/> or <see cref="CacheLookupStatus.WrongVersion"/>).</summary>
    public static CredentialCacheEntry? Read(byte[] content, out CacheLookupStatus problem)
    {
        problem = CacheLookupStatus.Damaged;
        try
        {
            var reader = new Utf8JsonReader(content, new JsonReaderOptions { MaxDepth = MaximumDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            var top = ReadObject(ref reader, nested: true);
            if (reader.Read()) return null; // Trailing data.
            if (top is null || !top.TryGetValue("Format", out var format) || format as string != FormatName) return null;
            if (!top.TryGetValue("Version", out var version) || version is not long number) return null;
            if (number != Version)
            {
                problem = CacheLookupStatus.WrongVersion;
                return null;
            }
            if (top.TryGetValue("Key", out var keyValue) is false || keyValue is not Dictionary<string, object?> keyFields) return null;
            if (top.TryGetValue("Credentials", out var credentialsValue) is false || credentialsValue is not Dictionary<string, object?> credentialFields) return null;
            var storedAt = Timestamp(Text(top, "StoredAt", required: true));
            var key = ReadKey(keyFields);
            var credentials = ReadCredentials(credentialFields);
            if (storedAt is null || key is null || credentials is null) return null;
            return new CredentialCacheEntry(key, credentials, storedAt.Value);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static CredentialCacheKey? ReadKey(Dictionary<string, object?> fields)
    {
        var endpoint = Text(fields, "Endpoint", required: true);
        var issuer = Text(fields, "Issuer", required: true);
        var account = Text(fields, "AccountName", required: true);
        var role = Text(fields, "Role", required: true);
        var secondary = Text(fields, "SecondaryAccountName", required: false);
        int? duration = null;
        if (fields.TryGetValue("DurationSeconds", out var value))
        {
            if (value is not long seconds || seconds < 0 || seconds > int.MaxValue) return null;
            duration = (int)seconds;
        }
        return new CredentialCacheKey(endpoint!, issuer!, account!, role!, secondary, duration);
    }

    private static BrokeredCredentials? ReadCredentials(Dictionary<string, object?> fields)
    {
        var accessKeyId = Text(fields, "AccessKeyId", required: true);
        var secretAccessKey = Text(fields, "SecretAccessKey", required: true);
        var sessionToken = Text(fields, "SessionToken", required: true);
        var expiration = Timestamp(Text(fields, "Expiration", required: true));
        if (accessKeyId!.Length == 0 || secretAccessKey!.Length == 0 || sessionToken!.Length == 0 || expiration is null) return null;
        return new BrokeredCredentials(accessKeyId, secretAccessKey, sessionToken)
        {
            Expiration = expiration,
            RoleArn = Text(fields, "RoleArn", required: false),
            AssumedRoleArn = Text(fields, "AssumedRoleArn", required: false),
            Issuer = Text(fields, "Issuer", required: false),
            AccountName = Text(fields, "AccountName", required: false),
            SecondaryAccountName = Text(fields, "SecondaryAccountName", required: false),
        };
    }

    // Reads the members of the object whose StartObject the reader is on: strings, integers, and (at the top) objects.
    // Null for a duplicate member or a value of another kind; unknown members of any kind are skipped.
    private static Dictionary<string, object?>? ReadObject(ref Utf8JsonReader reader, bool nested)
    {
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) return null;
            var name = reader.GetString()!;
            if (!reader.Read()) return null;
            object? value;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    value = reader.GetString();
                    break;
                case JsonTokenType.Number:
                    value = reader.TryGetInt64(out var number) ? number : (object?)double.NaN;
                    break;
                case JsonTokenType.StartObject when nested:
                    value = ReadObject(ref reader, nested: false);
                    if (value is null) return null;
                    break;
                default:
                    reader.Skip();
                    value = Unknown.Instance;
                    break;
            }
            if (members.ContainsKey(name)) return null;
            members.Add(name, value);
        }
        return reader.TokenType == JsonTokenType.EndObject ? members : null;
    }

    // A required member missing or not a string throws FormatException (the entry is damaged); an optional one is null.
    private static string? Text(Dictionary<string, object?> fields, string name, bool required)
    {
        if (!fields.TryGetValue(name, out var value)) return required ? throw new FormatException() : null;
        return value as string ?? throw new FormatException();
    }

    private static DateTimeOffset? Timestamp(string? text) =>
        text is not null && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment)
            ? moment
            : null;

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null) writer.WriteString(name, value);
    }

    // A member this version does not know: kept only so that a duplicate of it is still noticed.
    private sealed class Unknown
    {
        public static readonly Unknown Instance = new();
    }
}
