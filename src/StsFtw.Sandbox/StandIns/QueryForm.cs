namespace StsFtw.Sandbox.StandIns;

/// <summary>Decodes an <c>application/x-www-form-urlencoded</c> body, as the AWS Query protocol sends it.</summary>
public static class QueryForm
{
    /// <summary>The fields; a repeated name keeps its last value.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            fields[Decode(name)] = Decode(value);
        }
        return fields;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
