namespace StsFtw.Testing.Fixtures;

/// <summary>Finds the shared test-support project's source folder from a test assembly, wherever the build put it.</summary>
public static class TestProjectPaths
{
    private const string ProjectFile = "StsFtw.Testing.LocalAws.csproj";

    private static readonly Lazy<string> ProjectDirectoryValue = new(FindProjectDirectory);

    /// <summary>The folder holding <c>StsFtw.Testing.LocalAws.csproj</c>.</summary>
    public static string ProjectDirectory => ProjectDirectoryValue.Value;

    /// <summary>The folder <c>npm ci</c> installs the local servers into.</summary>
    public static string NodeToolsDirectory => Path.Combine(ProjectDirectory, "node");

    private static string FindProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ProjectFile))) return directory.FullName;
            var nested = Path.Combine(directory.FullName, "tests", "StsFtw.Testing.LocalAws");
            if (File.Exists(Path.Combine(nested, ProjectFile))) return nested;
        }
        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' holds {ProjectFile}.");
    }
}
