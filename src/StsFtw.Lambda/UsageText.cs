using StsFtw.Lambda.Configuration;

namespace StsFtw.Lambda;

/// <summary>
/// What <c>bootstrap --help</c> prints: the three ways to run it, then one aligned row per entry of
/// <see cref="SettingCatalog"/> with the values it accepts and what applies when it is unset.
/// </summary>
internal static class UsageText
{
    private const string Indent = "  ";
    private const string Gap = "  ";
    private const string Required = "required";

    /// <summary>Builds the text.</summary>
    public static string Build()
    {
        var commands = CommandRows();
        var settings = SettingRows();
        var nameWidth = commands.Concat(settings).Max(row => row[0].Length);
        return string.Join('\n', [
            "StsFtw credential backend.",
            "",
            "Usage:",
            .. Align(commands, nameWidth),
            "",
            "Configuration (environment variables):",
            .. Align(settings, nameWidth),
        ]);
    }

    private static List<string[]> CommandRows() =>
    [
        ["bootstrap", $"Run as an AWS Lambda custom runtime (needs {SettingNames.RuntimeApi})."],
        ["bootstrap --listen <url>", "Serve the same endpoint over HTTP on a loopback address, e.g. --listen http://127.0.0.1:8080"],
        ["  --allow-network", "Also allow an address other machines reach: they get real credentials over plain HTTP."],
        ["bootstrap --help", "Show this text."],
    ];

    private static List<string[]> SettingRows() =>
    [
        ["variable", "meaning", "values", "default"],
        .. SettingCatalog.All.Select(setting => new[] { setting.Name, setting.Meaning, setting.Values, setting.DefaultText ?? Required }),
    ];

    /// <summary>Pads every column but the last to its widest cell (the first to at least <paramref name="firstWidth"/>).</summary>
    private static IEnumerable<string> Align(List<string[]> rows, int firstWidth)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        widths[0] = Math.Max(widths[0], firstWidth);
        return rows.Select(row => (Indent + string.Join(Gap, row.Select((cell, column) => cell.PadRight(widths[column])))).TrimEnd());
    }
}
