using System.Reflection;

namespace StsFtw.PowerShell.Loading;

/// <summary>
/// Windows PowerShell 5.1 (.NET Framework has no load contexts): resolves the module's dependencies from its
/// <c>Dependencies</c> folder when the runtime cannot find them. No isolation is possible there; an assembly of the
/// same name loaded earlier by another module wins, as for every binary module on Windows PowerShell.
/// </summary>
internal static class DesktopDependencyResolver
{
    private static readonly object Gate = new();
    private static string? _installedFor;

    public static void Install(string dependencyDirectory)
    {
        lock (Gate)
        {
            if (_installedFor is not null) return;
            AppDomain.CurrentDomain.AssemblyResolve += (_, args) =>
            {
                var name = new AssemblyName(args.Name).Name;
                var path = Path.Combine(dependencyDirectory, name + ".dll");
                return File.Exists(path) ? Assembly.LoadFrom(path) : null;
            };
            _installedFor = dependencyDirectory;
        }
    }
}
