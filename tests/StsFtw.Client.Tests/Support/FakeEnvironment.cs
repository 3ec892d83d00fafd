using StsFtw.Core.Hosting;

namespace StsFtw.Client.Tests.Support;

/// <summary>Environment variables in a dictionary: what the library sees instead of the process's.</summary>
public sealed class FakeEnvironment(params (string Name, string Value)[] values) : IEnvironmentVariables
{
    private readonly Dictionary<string, string> _values = values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    public string? Get(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public void Set(string name, string? value)
    {
        if (value is null) _values.Remove(name);
        else _values[name] = value;
    }
}
