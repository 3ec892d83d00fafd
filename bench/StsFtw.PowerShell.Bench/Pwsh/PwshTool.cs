using System.Runtime.InteropServices;
using System.Text.Json;

namespace StsFtw.PowerShell.Bench.Pwsh;

/// <summary>
/// The real pwsh of the repository's local tool (.config/dotnet-tools.json), started through its own executable
/// (the apphost <c>pwsh</c> in the tool's package), as a user with PowerShell installed types <c>pwsh</c>.
/// <c>dotnet tool run pwsh</c> ends in the same pwsh.dll, behind two more dotnet processes (the CLI and the tool's shim).
/// </summary>
/// <param name="Version">The tool's version, from the manifest.</param>
/// <param name="Executable">The pwsh executable.</param>
/// <param name="DotnetRoot">The .NET installation the executable runs on (this process's own).</param>
public sealed record PwshTool(string Version, string Executable, string DotnetRoot)
{
    /// <summary>Finds the restored tool; throws, saying what to run, when it is not there.</summary>
    public static PwshTool Locate(string repositoryRoot, string nugetPackageRoot)
    {
        var version = ToolVersion(Path.Combine(repositoryRoot, ".config", "dotnet-tools.json"));
        var tools = Path.Combine(nugetPackageRoot, "powershell", version, "tools");
        var (platform, name) = OperatingSystem.IsWindows() ? ("win", "pwsh.exe") : ("unix", "pwsh");
        var executable = Directory.Exists(tools)
            ? Directory.GetDirectories(tools).Select(framework => Path.Combine(framework, "any", platform, name)).FirstOrDefault(File.Exists)
            : null;
        if (executable is null)
        {
            throw new InvalidOperationException($"pwsh {version} is not under {tools}: run `dotnet tool restore` in {repositoryRoot}.");
        }
        // .../shared/Microsoft.NETCore.App/<version>/ -> the installation root, for the apphost's DOTNET_ROOT.
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return new PwshTool(version, executable, dotnetRoot);
    }

    private static string ToolVersion(string manifest)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()
            ?? throw new InvalidOperationException($"{manifest} names no powershell version.");
    }
}
