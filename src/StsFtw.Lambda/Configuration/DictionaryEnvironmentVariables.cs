using StsFtw.Core.Hosting;

namespace StsFtw.Lambda.Configuration;

/// <summary>A fixed set of variables, for tests: nothing reaches the process environment.</summary>
public sealed class DictionaryEnvironmentVariables(IDictionary<string, string?> values) : IEnvironmentVariables
{
    /// <inheritdoc />
    public string? Get(string name) => values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <inheritdoc />
    public void Set(string name, string? value)
    {
        if (value is null) values.Remove(name);
        else values[name] = value;
    }
}
