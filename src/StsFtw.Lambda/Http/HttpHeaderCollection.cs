namespace StsFtw.Lambda.Http;

/// <summary>Request or response headers: names compare case-insensitively, each name may carry several values, order is kept.</summary>
public sealed class HttpHeaderCollection
{
    private readonly List<KeyValuePair<string, string>> _pairs = new();

    /// <summary>Every (name, value) pair in the order added.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>Adds one value.</summary>
    public HttpHeaderCollection Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _pairs.Add(new(name, value ?? string.Empty));
        return this;
    }

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? First(string name)
    {
        foreach (var pair in _pairs)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)) return pair.Value;
        }
        return null;
    }

    /// <summary>Every value of <paramref name="name"/>.</summary>
    public IReadOnlyList<string> All(string name) =>
        _pairs.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).ToArray();

    /// <summary>Distinct names in first-seen order, with all their values.</summary>
    public IEnumerable<(string Name, IReadOnlyList<string> Values)> Grouped()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in _pairs)
        {
            if (seen.Add(pair.Key)) yield return (pair.Key, All(pair.Key));
        }
    }
}
