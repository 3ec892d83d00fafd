using System.Reflection;
using System.Xml.Linq;
using StsFtw.Core.Totp;

namespace StsFtw.Client.Tests.Architecture;

/// <summary>
/// The doors of the house (docs/ARCHITECTURE.md): the domain and the person's client never reach the AWS SDK, and the
/// domain imports none of the other rooms. Checked twice: in the project graph, and in the built assemblies'
/// references, so neither a project reference nor a package brought in some other way can open the door. The native
/// client has one door to the AWS SDK: <c>stsftw enroll</c>, through the admin engine, and no other command uses it.
/// </summary>
public sealed class RoomDoorsTests
{
    private static readonly string RepositoryRoot = typeof(RoomDoorsTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [Theory]
    [InlineData("StsFtw.Core")]
    [InlineData("StsFtw.Client")]
    public void NoProjectReachableFromCoreOrClientReferencesTheAwsSdk(string project)
    {
        var reachable = ProjectClosure(project);
        var offenders = reachable.SelectMany(p => AwsPackages(p).Select(package => $"{p} -> {package}")).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void CoreReferencesNoOtherProject()
    {
        Assert.Equal(["StsFtw.Core"], ProjectClosure("StsFtw.Core"));
    }

    [Fact]
    public void ClientReferencesOnlyCore()
    {
        Assert.Equal(["StsFtw.Client", "StsFtw.Core"], ProjectClosure("StsFtw.Client").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheNativeClientReachesTheAwsSdkOnlyThroughTheEnrollmentEngine()
    {
        var direct = ProjectFile("StsFtw.Cli").Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).Order(StringComparer.Ordinal);
        Assert.Equal(["StsFtw.Client", "StsFtw.PowerShell.Engine"], direct);
        Assert.Empty(AwsPackages("StsFtw.Cli"));
        Assert.Equal(["StsFtw.Aws", "StsFtw.Cli", "StsFtw.Client", "StsFtw.Core", "StsFtw.PowerShell.Engine"],
            ProjectClosure("StsFtw.Cli").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OnlyTheEnrollCommandUsesTheEnrollmentEngine()
    {
        var folder = Path.Combine(RepositoryRoot, "src", "StsFtw.Cli");
        var users = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => File.ReadAllText(file).Contains("StsFtw.PowerShell.Engine", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'));
        Assert.Equal(["Commands/EnrollCommand.cs"], users);
    }

    [Fact]
    public void TheProjectCheckFindsTheAwsSdkWhereItIs()
    {
        Assert.Contains(ProjectClosure("StsFtw.Lambda").SelectMany(AwsPackages), package => package == "AWSSDK.Core");
    }

    [Fact]
    public void NeitherBuiltAssemblyReferencesAnAwsSdkAssembly()
    {
        var references = AssemblyClosure(typeof(TotpKey).Assembly, typeof(BrokeredCredentials).Assembly);
        Assert.Contains("StsFtw.Core", references);
        Assert.Contains("Otp.NET", references);
        Assert.DoesNotContain(references, name => name.StartsWith("AWSSDK", StringComparison.OrdinalIgnoreCase));
    }

    // Every assembly name the given assemblies reference, following StsFtw's own assemblies transitively.
    private static SortedSet<string> AssemblyClosure(params Assembly[] roots)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>(roots);
        while (pending.Count > 0)
        {
            var assembly = pending.Dequeue();
            if (!names.Add(assembly.GetName().Name!)) continue;
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name!.StartsWith("StsFtw.", StringComparison.Ordinal)) pending.Enqueue(Assembly.Load(reference));
                else names.Add(reference.Name);
            }
        }
        return names;
    }

    // The project and every src project it reaches through ProjectReference, by name.
    private static List<string> ProjectClosure(string project)
    {
        var seen = new List<string>();
        var pending = new Queue<string>([project]);
        while (pending.Count > 0)
        {
            var name = pending.Dequeue();
            if (seen.Contains(name)) continue;
            seen.Add(name);
            foreach (var reference in ProjectFile(name).Descendants("ProjectReference"))
            {
                pending.Enqueue(Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')));
            }
        }
        return seen;
    }

    private static IEnumerable<string> AwsPackages(string project) =>
        ProjectFile(project).Descendants("PackageReference")
            .Select(p => p.Attribute("Include")!.Value)
            .Where(name => name.StartsWith("AWSSDK", StringComparison.OrdinalIgnoreCase));

    private static XDocument ProjectFile(string project) =>
        XDocument.Load(Path.Combine(RepositoryRoot, "src", project, project + ".csproj"));
}
