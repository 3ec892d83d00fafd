namespace StsFtw.PowerShell.Settings;

/// <summary>Required settings were given neither as a parameter nor as their STS_* variable.</summary>
public sealed class MissingSettingsException : Exception
{
    /// <summary>Creates the exception for the missing (parameter, variable) pairs.</summary>
    public MissingSettingsException(IReadOnlyList<(string Parameter, string Variable)> missing)
        : base(Describe(missing)) => Missing = missing.Select(m => "-" + m.Parameter).ToArray();

    /// <summary>The missing parameters, as <c>-Name</c>.</summary>
    public IReadOnlyList<string> Missing { get; }

    private static string Describe(IReadOnlyList<(string Parameter, string Variable)> missing) =>
        missing.Count == 1
            ? $"-{missing[0].Parameter} is required: pass -{missing[0].Parameter} or set $env:{missing[0].Variable}."
            : "These settings are required: " + string.Join(", ", missing.Select(m => $"-{m.Parameter} (or $env:{m.Variable})")) + ".";
}
