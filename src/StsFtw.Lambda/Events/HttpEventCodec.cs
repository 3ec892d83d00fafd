using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using StsFtw.Lambda.Http;

namespace StsFtw.Lambda.Events;

/// <summary>
/// Reads ALB target-group and function-URL (payload 2.0) events into <see cref="HttpRequestData"/> and writes
/// responses back in the shape the event came in (an ALB target group's event, or a function URL's payload format 2.0).
/// </summary>
public static class HttpEventCodec
{
    /// <summary>The ALB's limit on the response JSON (and on the request event).</summary>
    public const int MaximumAlbPayloadBytes = 1024 * 1024;

    /// <summary>Tells the event kind apart and reads the request; throws <see cref="UnsupportedEventException"/> for anything else.</summary>
    public static DecodedEvent Decode(ReadOnlyMemory<byte> eventJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(eventJson);
        }
        catch (JsonException)
        {
            throw new UnsupportedEventException("The invocation payload is not JSON.");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("requestContext", out var context) || context.ValueKind != JsonValueKind.Object)
            {
                throw new UnsupportedEventException("The invocation payload is neither an ALB nor a function-URL event.");
            }
            if (context.TryGetProperty("elb", out _)) return DecodeAlb(root);
            if (String(root, "version") == "2.0" && context.TryGetProperty("http", out var http) && http.ValueKind == JsonValueKind.Object)
            {
                return DecodeFunctionUrl(root, http);
            }
            throw new UnsupportedEventException("The invocation payload is neither an ALB nor a function-URL event.");
        }
    }

    /// <summary>The response JSON for <paramref name="shape"/>.</summary>
    public static byte[] Encode(HttpResponseData response, EventShape shape)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", response.StatusCode);
            if (shape != EventShape.FunctionUrl) writer.WriteString("statusDescription", HttpStatusText.Description(response.StatusCode));
            if (shape == EventShape.AlbMultiValue)
            {
                writer.WriteStartObject("multiValueHeaders");
                foreach (var (name, values) in response.Headers.Grouped())
                {
                    writer.WriteStartArray(name);
                    foreach (var value in values) writer.WriteStringValue(value);
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("headers");
                foreach (var (name, values) in response.Headers.Grouped()) writer.WriteString(name, string.Join(", ", values));
                writer.WriteEndObject();
            }
            writer.WriteString("body", response.Body);
            writer.WriteBoolean("isBase64Encoded", false);
            writer.WriteEndObject();
        }
        if (shape != EventShape.FunctionUrl && buffer.Length > MaximumAlbPayloadBytes)
        {
            throw new InvalidOperationException("The response is larger than the ALB accepts.");
        }
        return buffer.ToArray();
    }

    private static DecodedEvent DecodeAlb(JsonElement root)
    {
        var headers = new HttpHeaderCollection();
        var multiValue = root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object;
        if (multiValue)
        {
            foreach (var header in multi.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.Array) continue;
                foreach (var value in header.Value.EnumerateArray())
                {
                    if (value.ValueKind == JsonValueKind.String) headers.Add(header.Name, value.GetString()!);
                }
            }
        }
        else
        {
            AddSingleValueHeaders(root, headers);
        }

        var request = ReadBody(root, String(root, "httpMethod") ?? string.Empty, String(root, "path") ?? "/", headers, ClientFromForwardedFor(headers));
        return new DecodedEvent(request, multiValue ? EventShape.AlbMultiValue : EventShape.Alb);
    }

    private static DecodedEvent DecodeFunctionUrl(JsonElement root, JsonElement http)
    {
        var headers = new HttpHeaderCollection();
        AddSingleValueHeaders(root, headers);
        var request = ReadBody(root, String(http, "method") ?? string.Empty, String(root, "rawPath") ?? String(http, "path") ?? "/", headers, String(http, "sourceIp"));
        return new DecodedEvent(request, EventShape.FunctionUrl);
    }

    private static HttpRequestData ReadBody(JsonElement root, string method, string path, HttpHeaderCollection headers, string? source)
    {
        var text = String(root, "body") ?? string.Empty;
        var isBase64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (!isBase64) return new HttpRequestData(method.ToUpperInvariant(), path, headers, Encoding.UTF8.GetBytes(text), source);
        try
        {
            return new HttpRequestData(method.ToUpperInvariant(), path, headers, Convert.FromBase64String(text), source);
        }
        catch (FormatException)
        {
            return new HttpRequestData(method.ToUpperInvariant(), path, headers, ReadOnlyMemory<byte>.Empty, source) { BodyIsMalformedBase64 = true };
        }
    }

    private static void AddSingleValueHeaders(JsonElement root, HttpHeaderCollection headers)
    {
        if (!root.TryGetProperty("headers", out var single) || single.ValueKind != JsonValueKind.Object) return;
        foreach (var header in single.EnumerateObject())
        {
            if (header.Value.ValueKind == JsonValueKind.String) headers.Add(header.Name, header.Value.GetString()!);
        }
    }

    /// <summary>
    /// The client's address from an ALB event. The listener's <c>xff_header_processing_mode</c> is <c>append</c>:
    /// the ALB adds the address it saw as the LAST element, so only that element is read and every earlier one,
    /// which the client wrote, is ignored. More than one X-Forwarded-For header, or a last element that is not an IP
    /// address (optionally with the port the ALB can add), gives no address ("unknown" in the audit) rather than one
    /// the client may have chosen (SECURITY.md, "Anyone on the network").
    /// </summary>
    internal static string? ClientFromForwardedFor(HttpHeaderCollection headers)
    {
        var values = headers.All("x-forwarded-for");
        if (values.Count != 1) return null;
        var last = values[0].Split(',')[^1].Trim();
        if (last.StartsWith('['))
        {
            return IPEndPoint.TryParse(last, out var endPoint) && endPoint.AddressFamily == AddressFamily.InterNetworkV6
                && last.Contains("]:", StringComparison.Ordinal) ? endPoint.Address.ToString() : null;
        }
        var colons = last.Count(c => c == ':');
        var host = colons == 1 && uint.TryParse(last[(last.IndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? last[..last.IndexOf(':')]
            : last;
        if (!IPAddress.TryParse(host, out var address)) return null;
        // IPv4 only in its dotted-quad form: IPAddress also reads "1" or "1.2.3", which no ALB writes.
        return address.AddressFamily == AddressFamily.InterNetworkV6 || address.ToString() == host ? address.ToString() : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
