namespace StsFtw.Sandbox.Dynalite;

/// <summary>Finds Node.js, which dynalite runs on.</summary>
public static class NodeRuntime
{
    /// <summary>The one sentence a person reads when Node.js is missing.</summary>
    public const string Missing =
        "Node.js was not found on PATH. Install Node.js 18 or later (https://nodejs.org) and try again: the sandbox runs dynalite, a DynamoDB implementation, on it.";

    /// <summary>The full path of <c>node</c> in the first folder of <paramref name="path"/> (default: <c>PATH</c>) that holds it, or null.</summary>
    public static string? Find(string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : new[] { "node" };
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
