using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StsFtw.Lambda.Logging;

/// <summary>
/// Writes one JSON object per line (CloudWatch Logs and <c>jq</c> read them as they are). Lines from concurrent
/// requests never interleave.
/// </summary>
public sealed class JsonLog(TextWriter output, TimeProvider clock)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Default };
    private readonly object _gate = new();

    /// <summary>The request's line.</summary>
    public void Request(RequestLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Line(entry.Status >= 500 ? "error" : "info", "request", writer =>
        {
            writer.WriteString("requestId", entry.RequestId);
            WriteOptional(writer, "traceId", entry.TraceId);
            writer.WriteString("channel", entry.Channel);
            WriteOptional(writer, "sourceAddress", entry.SourceAddress);
            WriteOptional(writer, "route", entry.Route);
            WriteOptional(writer, "issuer", entry.Issuer);
            WriteOptional(writer, "account", entry.Account);
            WriteOptional(writer, "role", entry.Role);
            WriteOptional(writer, "secondary", entry.Secondary);
            writer.WriteString("outcome", entry.Outcome);
            WriteOptional(writer, "reason", entry.Reason);
            WriteOptional(writer, "detail", entry.Detail);
            writer.WriteNumber("status", entry.Status);
            writer.WriteStartArray("awsCalls");
            foreach (var call in entry.Calls)
            {
                writer.WriteStartObject();
                writer.WriteString("call", call.Operation);
                writer.WriteNumber("atMs", Math.Round(call.StartedAtMilliseconds, 2));
                writer.WriteNumber("ms", Math.Round(call.Milliseconds, 2));
                writer.WriteBoolean("ok", call.Succeeded);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteNumber("awsMs", Math.Round(entry.Calls.Sum(c => c.Milliseconds), 2));
            writer.WriteNumber("totalMs", Math.Round(entry.TotalMilliseconds, 2));
        });
    }

    /// <summary>A line about the process (start-up, a failed invocation); <paramref name="message"/> must carry no secret.</summary>
    public void Event(string level, string message, string? requestId = null)
    {
        Line(level, "event", writer =>
        {
            writer.WriteString("message", message);
            WriteOptional(writer, "requestId", requestId);
        });
    }

    private void Line(string level, string kind, Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("time", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("level", level);
            writer.WriteString("kind", kind);
            members(writer);
            writer.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null) writer.WriteString(name, value);
    }
}
