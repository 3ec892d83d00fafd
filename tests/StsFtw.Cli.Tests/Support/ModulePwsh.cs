using System.Text.Json;

namespace StsFtw.Cli.Tests.Support;

/// <summary>
/// The repository's pwsh (the local tool in .config/dotnet-tools.json, restored by this project's build) with the
/// StsFtw module folder the build laid out: a <c>pwsh</c> on a private PATH folder, so a credential_process line the
/// module wrote (<c>pwsh -NoProfile -NonInteractive -Command "Import-Module StsFtw; …"</c>) runs as written.
/// </summary>
public static class ModulePwsh
{
    public static string ModuleFolder => Path.Combine(CliArtifacts.RepositoryRoot, "artifacts", "module", "Release");

    /// <summary>Writes <c>pwsh</c> into <paramref name="folder"/>; returns PATH and PSModulePath values that find it and the module.</summary>
    public static (string Path, string ModulePath) Install(string folder)
    {
        Assert.True(File.Exists(System.IO.Path.Combine(ModuleFolder, "StsFtw", "StsFtw.psd1")), $"The module was not laid out under {ModuleFolder}; build the tests -c Release.");
        Directory.CreateDirectory(folder);
        var shim = System.IO.Path.Combine(folder, "pwsh");
        File.WriteAllText(shim, $"#!/bin/sh\nexec dotnet '{PwshDll()}' \"$@\"\n");
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (folder + System.IO.Path.PathSeparator + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"), ModuleFolder);
    }

    private static string PwshDll()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(CliArtifacts.RepositoryRoot, ".config", "dotnet-tools.json")));
        var version = manifest.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()!;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = System.IO.Path.Combine(packages, "powershell", version, "tools");
        return Directory.EnumerateFiles(tools, "pwsh.dll", SearchOption.AllDirectories)
            .First(file => file.Contains($"{System.IO.Path.DirectorySeparatorChar}unix{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }
}
