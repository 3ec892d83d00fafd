using StsFtw.Core.Hosting;

namespace StsFtw.Cli.Tests.Support;

public sealed class FakeEnvironment(params (string Name, string Value)[] values) : IEnvironmentVariables
{
    private readonly Dictionary<string, string?> _values = values.ToDictionary(v => v.Name, v => (string?)v.Value, StringComparer.Ordinal);

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public void Set(string name, string? value) => _values[name] = value;
}
