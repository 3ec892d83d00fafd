namespace StsFtw.Lambda.Configuration;

/// <summary>The backend's configuration is missing or wrong; the message names every problem and the variable to fix.</summary>
public sealed class ConfigurationException(IReadOnlyList<string> problems)
    : Exception("The configuration is not valid: " + string.Join(" ", problems))
{
    /// <summary>One sentence per problem.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
