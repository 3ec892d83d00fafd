using System.Globalization;
using StsFtw.Core.Hosting;

namespace StsFtw.PowerShell.Settings;

/// <summary>
/// Binds a cmdlet's settings: the explicit parameter when given, else its STS_* variable. Required settings that
/// are missing are collected, so the person sees one error naming every parameter and variable at once.
/// </summary>
/// <remarks>
/// Only an unbound parameter (null) falls back to its variable. An empty or white-space value that was bound (for
/// example from a blank CSV cell through the pipeline) is an error, never "use the environment": otherwise a blank
/// -AccountName would enroll or change the admin's own $env:STS_ACCOUNT_NAME (SECURITY.md, admin rule B3).
/// </remarks>
internal sealed class SettingsReader
{
    private readonly IEnvironmentVariables _environment;
    private readonly List<(string Parameter, string Variable)> _missing = new();

    public SettingsReader(IEnvironmentVariables environment) => _environment = environment;

    /// <summary>The variable alone, for a setting that has no parameter; null when unset.</summary>
    public string? Variable(string variable) => _environment.Get(variable)?.Trim();

    /// <summary>The parameter when bound, else the variable, else null.</summary>
    /// <exception cref="InvalidSettingException">The parameter was bound to an empty or white-space value.</exception>
    public string? Optional(string? explicitValue, string parameter, string variable) =>
        explicitValue is null ? _environment.Get(variable)?.Trim() : Bound(explicitValue, parameter, variable);

    /// <summary>The parameter when bound, else the variable; when both are missing it is recorded for <see cref="ThrowIfMissing"/>.</summary>
    /// <exception cref="InvalidSettingException">The parameter was bound to an empty or white-space value.</exception>
    public string Required(string? explicitValue, string parameter, string variable)
    {
        var value = Optional(explicitValue, parameter, variable);
        if (value is null) _missing.Add((parameter, variable));
        return value ?? string.Empty;
    }

    /// <summary>A list: the parameter, else the variable split at commas; empty when neither.</summary>
    public IReadOnlyList<string> List(string[]? explicitValue, string variable)
    {
        if (explicitValue is not null) return explicitValue.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToArray();
        var text = _environment.Get(variable);
        return text is null ? Array.Empty<string>() : text.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
    }

    /// <summary>A whole number: the parameter, else the variable, else null.</summary>
    public int? Integer(int? explicitValue, string parameter, string variable)
    {
        if (explicitValue is not null) return explicitValue;
        var text = _environment.Get(variable);
        if (text is null) return null;
        return int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidSettingException($"$env:{variable} (for -{parameter}) is not a whole number.");
    }

    private static string Bound(string value, string parameter, string variable) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidSettingException($"-{parameter} is empty. Leave it out to use $env:{variable}; an empty value never falls back to it.")
            : value;

    /// <summary>Throws one <see cref="MissingSettingsException"/> naming every required setting that was missing.</summary>
    public void ThrowIfMissing()
    {
        if (_missing.Count > 0) throw new MissingSettingsException(_missing.ToArray());
    }
}
