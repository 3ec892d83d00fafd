using System.Text;
using System.Text.Json;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>What came back for one corpus entry on one path.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="CacheControl">The Cache-Control header.</param>
/// <param name="Body">The body text.</param>
internal sealed record HostileAnswer(int Status, string? ContentType, string? CacheControl, string Body)
{
    /// <summary>Reads a Lambda response payload (ALB or function-URL shape).</summary>
    public static HostileAnswer FromEventResponse(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        string? Header(string name)
        {
            if (root.TryGetProperty("headers", out var single))
            {
                foreach (var header in single.EnumerateObject())
                {
                    if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase)) return header.Value.GetString();
                }
            }
            if (root.TryGetProperty("multiValueHeaders", out var multi))
            {
                foreach (var header in multi.EnumerateObject())
                {
                    if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase)) return string.Join(", ", header.Value.EnumerateArray().Select(v => v.GetString()));
                }
            }
            return null;
        }
        return new HostileAnswer(root.GetProperty("statusCode").GetInt32(), Header("Content-Type"), Header("Cache-Control"), root.GetProperty("body").GetString() ?? "");
    }

    /// <summary>Reads a raw HTTP/1.1 response.</summary>
    public static HostileAnswer FromRawHttp(byte[] response)
    {
        var text = Encoding.UTF8.GetString(response);
        // An interim "100 Continue" precedes the real answer.
        while (text.StartsWith("HTTP/1.1 100 ", StringComparison.Ordinal) && text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var interim and >= 0)
        {
            response = response[Encoding.UTF8.GetByteCount(text[..(interim + 4)])..];
            text = text[(interim + 4)..];
        }
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return new HostileAnswer(0, null, null, text);
        var lines = text[..end].Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        var status = statusParts.Length >= 2 && int.TryParse(statusParts[1], out var code) ? code : 0;
        string? Header(string name) => lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && string.Equals(p[0].Trim(), name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim())
            .FirstOrDefault();
        var body = text[(end + 4)..];
        if (int.TryParse(Header("Content-Length"), out var length))
        {
            var bodyBytes = response.AsSpan(Encoding.UTF8.GetByteCount(text[..(end + 4)]));
            body = Encoding.UTF8.GetString(bodyBytes[..Math.Min(length, bodyBytes.Length)]);
        }
        return new HostileAnswer(status, Header("Content-Type"), Header("Cache-Control"), body);
    }
}
