namespace StsFtw.Core.Hosting;

/// <summary>Reads and writes environment variables: the process's in production, a dictionary in tests.</summary>
public interface IEnvironmentVariables
{
    /// <summary>The value, or null when the variable is not set or empty.</summary>
    string? Get(string name);

    /// <summary>Sets the variable, or removes it when <paramref name="value"/> is null.</summary>
    void Set(string name, string? value);
}
