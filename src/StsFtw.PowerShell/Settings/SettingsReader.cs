using System.Globalization;
using StsFtw.Core.Hosting;

namespace StsFtw.PowerShell.Settings;

/// <summary>
/// Binds a cmdlet's settings: the explicit parameter when given, else its STS_* variable. Required settings that
/// are missing are collected, so the person sees one error naming every parameter and variable at once.
/// </summary>
internal sealed class SettingsReader
{
    private readonly IEnvironmentVariables _environment;
    private readonly List<(string Parameter, string Variable)> _missing = new();

    public SettingsReader(IEnvironmentVariables environment) => _environment = environment;

    /// <summary>The parameter, else the variable, else null.</summary>
    public string? Optional(string? explicitValue, string variable) =>
        !string.IsNullOrEmpty(explicitValue) ? explicitValue : _environment.Get(variable)?.Trim();

    /// <summary>The parameter, else the variable; when both are missing it is recorded for <see cref="ThrowIfMissing"/>.</summary>
    public string Required(string? explicitValue, string parameter, string variable)
    {
        var value = Optional(explicitValue, variable);
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

    /// <summary>Throws one <see cref="MissingSettingsException"/> naming every required setting that was missing.</summary>
    public void ThrowIfMissing()
    {
        if (_missing.Count > 0) throw new MissingSettingsException(_missing.ToArray());
    }
}
