namespace StsFtw.Lambda.Configuration;

/// <summary>A fixed set of variables (tests, and the local mode's overrides).</summary>
public sealed class DictionaryEnvironmentVariables(IReadOnlyDictionary<string, string?> values) : IEnvironmentVariables
{
    /// <inheritdoc />
    public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;
}
