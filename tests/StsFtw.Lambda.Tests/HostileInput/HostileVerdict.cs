using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StsFtw.Core.Wire;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// The rules every answer to a hostile request must meet, on every path: the expected 4xx (never 5xx, never 200), an
/// RFC 9457 problem with a title and a detail that do not repeat the hostile value, no caching, and no AWS call
/// at all unless the request was well-formed.
/// </summary>
internal static partial class HostileVerdict
{
    // Fixed text of problems and input rules: a probe that is part of it is found there by design, not echoed.
    private static readonly string[] FixedText =
    [
        "arn:aws:iam::<12-digit account>:role/<path/>name", "Content-Type: application/json (UTF-8)", "Only POST is served: send the credential request as a JSON body.",
    ];

    /// <summary>Why <paramref name="answer"/> breaks the rules for <paramref name="request"/> (empty when it does not).</summary>
    public static List<string> Judge(HostileRequest request, HostileAnswer answer, IReadOnlyList<string> awsCalls)
    {
        var broken = new List<string>();
        if (answer.Status != request.Expected && answer.Status != request.Alternative)
        {
            broken.Add($"status {answer.Status}, expected {request.Expected}{(request.Alternative is { } alt ? " or " + alt : "")}");
        }
        if (answer.Status is < 400 or > 499) broken.Add($"status {answer.Status} is not a 4xx");
        if (answer.ContentType?.Split(';')[0].Trim() != MediaTypes.ProblemJson) broken.Add($"content type '{answer.ContentType}'");
        if (answer.CacheControl?.Contains("no-store", StringComparison.Ordinal) != true) broken.Add("no Cache-Control: no-store");
        if (!request.MayReachTable && awsCalls.Count > 0) broken.Add("reached AWS: " + string.Join(",", awsCalls));

        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(answer.Body).RootElement.Clone();
        }
        catch (JsonException)
        {
            broken.Add("body is not JSON");
            return broken;
        }
        var title = Text(problem, ProblemFields.Title);
        var detail = Text(problem, ProblemFields.Detail);
        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(detail)) broken.Add("no title or detail");
        if (Text(problem, ProblemFields.Type)?.StartsWith("urn:stsftw:problem:", StringComparison.Ordinal) != true) broken.Add("no problem type");
        if (problem.TryGetProperty(ProblemFields.Status, out var status) && status.GetInt32() != answer.Status) broken.Add("status member differs");

        // The instance is the server's own random request id: a six-digit code can turn up inside a GUID by chance.
        var instance = Text(problem, ProblemFields.Instance);
        var body = string.IsNullOrEmpty(instance) ? answer.Body : answer.Body.Replace(instance, "", StringComparison.Ordinal);
        var said = new List<string> { title ?? "", detail ?? "", body };
        if (problem.TryGetProperty(ProblemFields.Problems, out var list)) said.AddRange(list.EnumerateArray().Select(p => p.GetString() ?? ""));
        foreach (var probe in ProbesOf(request))
        {
            if (said.Any(s => s.Contains(probe, StringComparison.Ordinal))) broken.Add($"echoes '{probe}'");
        }
        return broken;
    }

    /// <summary>The entry's own probes, and every string value of five or more visible characters found in its body.</summary>
    public static IEnumerable<string> ProbesOf(HostileRequest request)
    {
        var values = new HashSet<string>(request.Probes, StringComparer.Ordinal);
        var text = Encoding.UTF8.GetString(request.Body);
        try
        {
            using var document = JsonDocument.Parse(request.Body, new JsonDocumentOptions { MaxDepth = 4096 });
            Collect(document.RootElement, values);
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException or ArgumentException)
        {
            foreach (Match match in QuotedText().Matches(text)) values.Add(match.Groups[1].Value);
        }
        return values.Where(v => v.Trim().Length >= 5 && !FixedText.Any(f => f.Contains(v, StringComparison.Ordinal)));
    }

    private static void Collect(JsonElement element, HashSet<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    values.Add(element.GetString()!);
                }
                catch (InvalidOperationException)
                {
                    // A lone surrogate cannot become a string; the raw text is probed instead.
                    values.Add(element.GetRawText().Trim('"'));
                }
                break;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject()) Collect(member.Value, values);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, values);
                break;
        }
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.){5,})\"")]
    private static partial Regex QuotedText();
}
