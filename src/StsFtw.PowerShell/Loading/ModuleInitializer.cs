using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace StsFtw.PowerShell.Loading;

/// <summary>
/// Runs when the module is imported, before any cmdlet touches a dependency: on PowerShell 7 it installs the
/// isolated AssemblyLoadContext (StsFtw.PowerShell.Isolation.dll), on Windows PowerShell 5.1 an
/// <see cref="AppDomain.AssemblyResolve"/> handler over the same <c>Dependencies</c> folder.
/// </summary>
/// <remarks>
/// The module's own types (cmdlets, parameters, output objects) use only BCL and PowerShell types in their
/// signatures, so importing resolves nothing from <c>Dependencies</c>; the first cmdlet body that uses StsFtw.Core
/// does, through the handler installed here.
/// </remarks>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    /// <summary>The folder beside the module assembly that holds its private dependencies.</summary>
    public const string DependencyFolderName = "Dependencies";

    /// <summary>The assemblies in that folder the module references directly.</summary>
    internal static readonly string[] DirectReferences = { "StsFtw.Core", "StsFtw.Client", "StsFtw.PowerShell.Engine", "QRCoder" };

    private const string IsolationAssemblyName = "StsFtw.PowerShell.Isolation";

    /// <inheritdoc />
    public void OnImport()
    {
        var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
        var dependencyDirectory = Path.Combine(moduleDirectory, DependencyFolderName);
        if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            DesktopDependencyResolver.Install(dependencyDirectory);
            return;
        }

        var isolation = Assembly.LoadFrom(Path.Combine(moduleDirectory, IsolationAssemblyName + ".dll"));
        var install = isolation.GetType(IsolationAssemblyName + ".DependencyResolver", throwOnError: true)!
            .GetMethod("Install", BindingFlags.Public | BindingFlags.Static)!;
        install.Invoke(null, new object[] { dependencyDirectory, DirectReferences });
    }
}
