using System.Text.Json;

namespace StsFtw.Testing.Lambda;

/// <summary>Builds the events an ALB and a function URL send, in the shapes AWS documents (an ALB target group's event, a function URL's payload format 2.0).</summary>
public static class LambdaEvents
{
    /// <summary>An ALB target-group event (single-value headers unless <paramref name="multiValue"/>).</summary>
    public static string Alb(string body, string method = "POST", string contentType = "application/json", bool base64 = false, bool multiValue = false,
        string sourceIp = "198.51.100.7", string path = "/")
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("requestContext");
            writer.WriteStartObject("elb");
            writer.WriteString("targetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/stsftw/abc");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteString("httpMethod", method);
            writer.WriteString("path", path);
            var headers = new Dictionary<string, string>
            {
                ["content-type"] = contentType,
                ["host"] = "sts.example.com",
                ["x-forwarded-for"] = sourceIp,
                ["user-agent"] = "Go-http-client/1.1",
            };
            if (multiValue)
            {
                writer.WriteStartObject("multiValueQueryStringParameters");
                writer.WriteEndObject();
                writer.WriteStartObject("multiValueHeaders");
                foreach (var (name, value) in headers)
                {
                    writer.WriteStartArray(name);
                    writer.WriteStringValue(value);
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("queryStringParameters");
                writer.WriteEndObject();
                writer.WriteStartObject("headers");
                foreach (var (name, value) in headers) writer.WriteString(name, value);
                writer.WriteEndObject();
            }
            writer.WriteString("body", base64 ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(body)) : body);
            writer.WriteBoolean("isBase64Encoded", base64);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A function-URL event, payload format 2.0.</summary>
    public static string FunctionUrl(string body, string method = "POST", string contentType = "application/json", bool base64 = false,
        string sourceIp = "203.0.113.9", string path = "/")
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("version", "2.0");
            writer.WriteString("routeKey", "$default");
            writer.WriteString("rawPath", path);
            writer.WriteString("rawQueryString", "");
            writer.WriteStartObject("headers");
            writer.WriteString("content-type", contentType);
            writer.WriteString("host", "abc.lambda-url.us-east-1.on.aws");
            writer.WriteEndObject();
            writer.WriteStartObject("requestContext");
            writer.WriteString("accountId", "anonymous");
            writer.WriteString("requestId", Guid.NewGuid().ToString("D"));
            writer.WriteStartObject("http");
            writer.WriteString("method", method);
            writer.WriteString("path", path);
            writer.WriteString("protocol", "HTTP/1.1");
            writer.WriteString("sourceIp", sourceIp);
            writer.WriteString("userAgent", "curl/8.0");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteString("body", base64 ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(body)) : body);
            writer.WriteBoolean("isBase64Encoded", base64);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
