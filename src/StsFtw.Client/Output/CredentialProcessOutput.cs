using System.Text;
using System.Text.Json;

namespace StsFtw.Client.Output;

/// <summary>
/// The JSON the AWS CLI and SDKs expect from a <c>credential_process</c>:
/// <c>{"Version":1,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…,"Expiration":…}</c>.
/// </summary>
/// <remarks>Without a known expiration the member is left out, which the SDKs read as "does not expire": they then never refresh.</remarks>
public static class CredentialProcessOutput
{
    /// <summary>The format version the AWS tools accept.</summary>
    public const int Version = 1;

    /// <summary>The JSON document, on one line.</summary>
    public static string Format(BrokeredCredentials credentials)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("Version", Version);
            writer.WriteString("AccessKeyId", credentials.AccessKeyId);
            writer.WriteString("SecretAccessKey", credentials.SecretAccessKey);
            writer.WriteString("SessionToken", credentials.SessionToken);
            if (credentials.Expiration is { } expiration) writer.WriteString("Expiration", IsoTimestamp.Format(expiration));
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
