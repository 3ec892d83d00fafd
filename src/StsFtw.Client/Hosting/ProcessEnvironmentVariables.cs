using StsFtw.Core.Hosting;

namespace StsFtw.Client.Hosting;

/// <summary>The current process's environment (what PowerShell's <c>$env:</c> drive shows).</summary>
public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    /// <summary>The one instance; it holds no state.</summary>
    public static ProcessEnvironmentVariables Instance { get; } = new();

    private ProcessEnvironmentVariables()
    {
    }

    /// <inheritdoc />
    public string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <inheritdoc />
    public void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
