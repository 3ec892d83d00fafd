using System.Reflection;

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>Paths the build stamped into the test assembly.</summary>
internal static class TestPaths
{
    public static string ModuleDirectory => Metadata("ModuleDirectory");

    public static string ModuleManifest => Path.Combine(ModuleDirectory, "StsFtw.psd1");

    public static string ScriptHost => Metadata("ScriptHost");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string VersionPrefix => Metadata("VersionPrefix");

    public static string Configuration => Metadata("Configuration");

    public static string NodeToolsDirectory => Metadata("NodeToolsDirectory");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
