using System.Reflection;

namespace StsFtw.Sandbox;

/// <summary>Where the build put what the sandbox runs: stamped into this assembly by StsFtw.Sandbox.csproj.</summary>
public static class SandboxPaths
{
    /// <summary>The folder <c>npm ci</c> installs dynalite into (<c>src/StsFtw.Sandbox/node</c>).</summary>
    public static string NodeToolsDirectory => Metadata("NodeToolsDirectory");

    /// <summary>The backend built for the JIT, <c>src/StsFtw.Lambda/bin/&lt;Configuration&gt;/net10.0/bootstrap.dll</c>.</summary>
    public static string BackendAssembly => Metadata("BackendAssembly");

    /// <summary>The module manifest the build laid out, <c>artifacts/module/&lt;Configuration&gt;/StsFtw/StsFtw.psd1</c>.</summary>
    public static string ModuleManifest => Metadata("ModuleManifest");

    private static string Metadata(string key) =>
        typeof(SandboxPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The build stamped no {key} into the sandbox.");
}
