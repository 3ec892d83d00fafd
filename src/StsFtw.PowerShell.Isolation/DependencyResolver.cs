using System.Runtime.Loader;

namespace StsFtw.PowerShell.Isolation;

/// <summary>
/// Connects the module assembly (in the default load context) to its dependencies (in a
/// <see cref="DependencyLoadContext"/>): when the default context cannot find one of the assemblies the module
/// references directly, it is loaded in the isolated context, and everything those assemblies reference resolves
/// there too. This is the pattern of PowerShell's guide "Resolving PowerShell module assembly dependency conflicts".
/// </summary>
/// <remarks>
/// A load context and a subscription to <see cref="AssemblyLoadContext.Resolving"/> are process-wide by nature, so
/// there is exactly one of each per process, created on first use; importing the module again reuses them.
/// </remarks>
public static class DependencyResolver
{
    private static readonly object Gate = new();
    private static DependencyLoadContext? _context;

    /// <summary>
    /// Installs the resolver once per process. Called by the module (through reflection, as the module targets
    /// netstandard2.0) when it is imported on PowerShell 7.
    /// </summary>
    /// <param name="dependencyDirectory">The module's <c>Dependencies</c> folder.</param>
    /// <param name="directReferences">Simple names of the assemblies the module itself references from that folder.</param>
    public static void Install(string dependencyDirectory, string[] directReferences)
    {
        lock (Gate)
        {
            if (_context is not null) return;
            var context = new DependencyLoadContext(dependencyDirectory);
            var names = new HashSet<string>(directReferences, StringComparer.OrdinalIgnoreCase);
            AssemblyLoadContext.Default.Resolving += (_, name) =>
                name.Name is not null && names.Contains(name.Name) && context.Owns(name)
                    ? context.LoadFromAssemblyName(name)
                    : null;
            _context = context;
        }
    }

    /// <summary>The context, once installed (for diagnostics and tests).</summary>
    public static AssemblyLoadContext? Context
    {
        get
        {
            lock (Gate) return _context;
        }
    }
}
