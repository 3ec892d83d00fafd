using System.Reflection;
using System.Runtime.Loader;

namespace StsFtw.PowerShell.Isolation;

/// <summary>
/// Loads the module's private dependencies from its <c>Dependencies</c> folder, whatever versions of the same
/// assemblies the session has loaded elsewhere. Assemblies that ship with .NET itself (System.*, the BCL polyfills
/// such as System.Memory) are left to the default context so that types like <see cref="Span{T}"/> stay one type.
/// </summary>
public sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyDirectory;
    private readonly string _frameworkDirectory;

    /// <summary>Creates the context over <paramref name="dependencyDirectory"/>.</summary>
    public DependencyLoadContext(string dependencyDirectory)
        : base("StsFtw", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
        _frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
    }

    /// <summary>The folder the context loads from.</summary>
    public string DependencyDirectory => _dependencyDirectory;

    /// <summary>True when the folder holds <paramref name="name"/> and .NET does not ship it.</summary>
    public bool Owns(AssemblyName name)
    {
        if (string.IsNullOrEmpty(name.Name)) return false;
        return File.Exists(PathOf(name)) && !File.Exists(Path.Combine(_frameworkDirectory, name.Name + ".dll"));
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName) =>
        Owns(assemblyName) ? LoadFromAssemblyPath(PathOf(assemblyName)) : null;

    private string PathOf(AssemblyName name) => Path.Combine(_dependencyDirectory, name.Name + ".dll");
}
