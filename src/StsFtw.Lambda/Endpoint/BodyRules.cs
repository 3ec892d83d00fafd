namespace StsFtw.Lambda.Endpoint;

/// <summary>What the endpoint accepts before it parses anything.</summary>
public static class BodyRules
{
    /// <summary>
    /// Largest body read. A real request is a few hundred bytes (every field at its maximum length fits well
    /// within it); anything larger is refused with 413 before parsing.
    /// </summary>
    public const int MaximumBodyBytes = 8 * 1024;

    /// <summary>True when <paramref name="contentType"/> is <c>application/json</c>, with no charset or UTF-8.</summary>
    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return false;
        var parts = contentType.Split(';');
        if (!string.Equals(parts[0].Trim(), Core.Wire.MediaTypes.Json, StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var parameter in parts.Skip(1))
        {
            var pair = parameter.Split('=', 2);
            if (pair.Length != 2) return false;
            if (!string.Equals(pair[0].Trim(), "charset", StringComparison.OrdinalIgnoreCase)) continue;
            var charset = pair[1].Trim().Trim('"');
            if (!string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) && !string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }
}
