using System.Text;
using System.Text.Json;
using StsFtw.Lambda.Events;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// Wraps a corpus entry in the event an ALB or a function URL would deliver: header names lower-cased, repeated
/// headers folded the way each edge folds them, and a body that is not UTF-8 carried as base64 (as the edges do).
/// </summary>
internal static class HostileEvents
{
    public static byte[] For(HostileRequest request, EventShape shape)
    {
        var (body, isBase64) = request.FalseBase64 ? (Encoding.UTF8.GetString(request.Body), true)
            : request.BodyIsUtf8 ? (Encoding.UTF8.GetString(request.Body), false)
            : (Convert.ToBase64String(request.Body), true);
        var headers = request.Headers.Select(h => (Name: h.Key.ToLowerInvariant(), h.Value)).ToList();
        headers.Add(("host", "sts.example.com"));
        // The ALB appends the address it saw to whatever X-Forwarded-For the client sent.
        var forwarded = string.Join(", ", headers.Where(h => h.Name == "x-forwarded-for").Select(h => h.Value).Append("198.51.100.7"));
        headers.RemoveAll(h => h.Name == "x-forwarded-for");
        headers.Add(("x-forwarded-for", forwarded));

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (shape == EventShape.FunctionUrl)
            {
                writer.WriteString("version", "2.0");
                writer.WriteString("routeKey", "$default");
                writer.WriteString("rawPath", "/");
                writer.WriteString("rawQueryString", "");
                writer.WriteStartObject("headers");
                // Function URLs join repeated headers with commas.
                foreach (var group in headers.GroupBy(h => h.Name)) writer.WriteString(group.Key, string.Join(",", group.Select(h => h.Value)));
                writer.WriteEndObject();
                writer.WriteStartObject("requestContext");
                writer.WriteString("accountId", "anonymous");
                writer.WriteString("requestId", Guid.NewGuid().ToString("D"));
                writer.WriteStartObject("http");
                writer.WriteString("method", request.Method);
                writer.WriteString("path", "/");
                writer.WriteString("protocol", "HTTP/1.1");
                writer.WriteString("sourceIp", "198.51.100.7");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("requestContext");
                writer.WriteStartObject("elb");
                writer.WriteString("targetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/stsftw/abc");
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteString("httpMethod", request.Method);
                writer.WriteString("path", "/");
                if (shape == EventShape.AlbMultiValue)
                {
                    writer.WriteStartObject("multiValueHeaders");
                    foreach (var group in headers.GroupBy(h => h.Name))
                    {
                        writer.WriteStartArray(group.Key);
                        foreach (var header in group) writer.WriteStringValue(header.Value);
                        writer.WriteEndArray();
                    }
                    writer.WriteEndObject();
                }
                else
                {
                    // Without multi-value headers the ALB passes the last value of a repeated header.
                    writer.WriteStartObject("headers");
                    foreach (var group in headers.GroupBy(h => h.Name)) writer.WriteString(group.Key, group.Last().Value);
                    writer.WriteEndObject();
                }
            }
            writer.WriteString("body", body);
            writer.WriteBoolean("isBase64Encoded", isBase64);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
