namespace StsFtw.Lambda.Configuration;

/// <summary>Reads environment variables; a seam so tests never touch the process environment.</summary>
public interface IEnvironmentVariables
{
    /// <summary>The value of <paramref name="name"/>, or null when it is not set.</summary>
    string? Get(string name);
}
