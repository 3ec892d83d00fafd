using System.Text.Json;

namespace StsFtw.Lambda.Bench.Measurement;

/// <summary>One AWS call from a request's log line: when it started (from the request's start) and how long it took.</summary>
public sealed record LoggedAwsCall(string Call, double AtMilliseconds, double Milliseconds, bool Ok);

/// <summary>The parts of the backend's per-request JSON log line the benchmark reads.</summary>
public sealed record RequestLogLine(string Outcome, int Status, double TotalMilliseconds, IReadOnlyList<LoggedAwsCall> AwsCalls)
{
    /// <summary>Tolerance when deciding whether two calls overlapped (the log rounds to 0.01 ms).</summary>
    private const double RoundingSlackMilliseconds = 0.02;

    /// <summary>
    /// Round trips on the critical path: calls are merged into groups of overlapping intervals (calls made side by
    /// side count once) and the groups are counted.
    /// </summary>
    public int SequentialRoundTrips
    {
        get
        {
            var groups = 0;
            var groupEnd = double.NegativeInfinity;
            foreach (var call in AwsCalls.OrderBy(c => c.AtMilliseconds))
            {
                if (call.AtMilliseconds >= groupEnd - RoundingSlackMilliseconds) groups++;
                groupEnd = Math.Max(groupEnd, call.AtMilliseconds + call.Milliseconds);
            }
            return groups;
        }
    }

    /// <summary>The calls in start order, e.g. <c>dynamodb.GetEntries -> kms.Decrypt -> dynamodb.AcceptTimeStep -> sts.AssumeRole || sns.Publish</c>.</summary>
    public string Shape
    {
        get
        {
            var parts = new List<string>();
            var group = new List<string>();
            var groupEnd = double.NegativeInfinity;
            foreach (var call in AwsCalls.OrderBy(c => c.AtMilliseconds))
            {
                if (call.AtMilliseconds >= groupEnd - RoundingSlackMilliseconds && group.Count > 0)
                {
                    parts.Add(string.Join(" || ", group));
                    group.Clear();
                }
                group.Add(call.Call);
                groupEnd = Math.Max(groupEnd, call.AtMilliseconds + call.Milliseconds);
            }
            if (group.Count > 0) parts.Add(string.Join(" || ", group));
            return string.Join(" -> ", parts);
        }
    }

    /// <summary>Reads a request line; null for any other line (start-up events, non-JSON output).</summary>
    public static RequestLogLine? TryParse(string line)
    {
        if (!line.StartsWith('{')) return null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (!root.TryGetProperty("kind", out var kind) || kind.GetString() != "request") return null;
            var calls = root.GetProperty("awsCalls").EnumerateArray()
                .Select(c => new LoggedAwsCall(c.GetProperty("call").GetString()!, c.GetProperty("atMs").GetDouble(), c.GetProperty("ms").GetDouble(), c.GetProperty("ok").GetBoolean()))
                .ToArray();
            return new RequestLogLine(root.GetProperty("outcome").GetString()!, root.GetProperty("status").GetInt32(), root.GetProperty("totalMs").GetDouble(), calls);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every request line among <paramref name="lines"/>, in order.</summary>
    public static IReadOnlyList<RequestLogLine> ParseAll(IEnumerable<string> lines) =>
        lines.Select(TryParse).OfType<RequestLogLine>().ToArray();
}
