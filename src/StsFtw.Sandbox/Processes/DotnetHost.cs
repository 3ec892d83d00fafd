namespace StsFtw.Sandbox.Processes;

/// <summary>The <c>dotnet</c> executable that runs the backend.</summary>
public static class DotnetHost
{
    /// <summary>
    /// The host running this process when it is <c>dotnet</c> itself (<c>dotnet StsFtw.Sandbox.dll</c>), so the backend
    /// runs on the same runtime whatever PATH holds; otherwise <c>dotnet</c> from PATH (the apphost of <c>dotnet run</c>).
    /// </summary>
    public static string Path
    {
        get
        {
            var current = Environment.ProcessPath;
            var name = current is null ? null : System.IO.Path.GetFileNameWithoutExtension(current);
            return string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase) ? current! : "dotnet";
        }
    }
}
