using StsFtw.Core.Hosting;

namespace StsFtw.Lambda.Configuration;

/// <summary>A fixed set of variables: a snapshot of the process's for the backend, any set for tests. Nothing reaches the process environment.</summary>
public sealed class DictionaryEnvironmentVariables(IDictionary<string, string?> values) : IEnvironmentVariables
{
    /// <summary>The process environment as it is now (a Lambda function's does not change while it runs).</summary>
    public static DictionaryEnvironmentVariables FromProcess()
    {
        var snapshot = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            snapshot[(string)variable.Key] = variable.Value as string;
        }
        return new DictionaryEnvironmentVariables(snapshot);
    }

    /// <inheritdoc />
    public string? Get(string name) => values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <inheritdoc />
    public void Set(string name, string? value)
    {
        if (value is null) values.Remove(name);
        else values[name] = value;
    }
}
