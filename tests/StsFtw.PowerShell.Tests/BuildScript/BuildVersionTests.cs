using System.Xml.Linq;
using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.BuildScript;

/// <summary>The version comes from one place, VersionPrefix in Directory.Build.props.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class BuildVersionTests : IDisposable
{
    private readonly BuildScriptSession _session = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("stsftw-version").FullName;

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ScriptResult ReadVersion(string propsText)
    {
        var path = Path.Combine(_directory, "Directory.Build.props");
        File.WriteAllText(path, propsText);
        return _session.Run("Get-StsFtwVersion -PropsPath $path", new Dictionary<string, object?> { ["path"] = path });
    }

    [Fact]
    public void VersionIsTheRepositorysVersionPrefix()
    {
        var propsPath = Path.Combine(TestPaths.RepositoryRoot, "Directory.Build.props");
        var version = _session.Run("Get-StsFtwVersion -PropsPath $path", new Dictionary<string, object?> { ["path"] = propsPath }).Strings().Single();

        Assert.Equal(XDocument.Load(propsPath).Descendants("VersionPrefix").Single().Value, version);
        Assert.Equal(TestPaths.VersionPrefix, version); // what MSBuild itself evaluated
    }

    [Fact]
    public void ContextNamesThePackageAfterTheVersion()
    {
        _session.CreateContext();
        var facts = _session.Run("$context.Version; [System.IO.Path]::GetFileName($context.PackageFile)").Strings();
        Assert.Equal(new[] { TestPaths.VersionPrefix, $"StsFtw.{TestPaths.VersionPrefix}.nupkg" }, facts);
    }

    [Fact]
    public void ValueIsTrimmed()
    {
        Assert.Equal("2.3.4", ReadVersion("<Project><PropertyGroup><VersionPrefix> 2.3.4\n</VersionPrefix></PropertyGroup></Project>").Strings().Single());
    }

    [Fact]
    public void NamespacedProjectFileIsRead()
    {
        Assert.Equal("1.0.0", ReadVersion("""<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003"><PropertyGroup><VersionPrefix>1.0.0</VersionPrefix></PropertyGroup></Project>""").Strings().Single());
    }

    [Fact]
    public void MissingVersionPrefixIsAnError()
    {
        var error = ReadVersion("<Project><PropertyGroup><Authors>x</Authors></PropertyGroup></Project>").SingleError();
        Assert.Contains("sets no <VersionPrefix>", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoDifferentVersionsAreAnError()
    {
        var error = ReadVersion("<Project><PropertyGroup><VersionPrefix>1.0.0</VersionPrefix></PropertyGroup><PropertyGroup><VersionPrefix>1.0.1</VersionPrefix></PropertyGroup></Project>").SingleError();
        Assert.Contains("several values (1.0.0, 1.0.1)", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionThatIsNotMajorMinorPatchIsAnError()
    {
        var error = ReadVersion("<Project><PropertyGroup><VersionPrefix>1.0-beta</VersionPrefix></PropertyGroup></Project>").SingleError();
        Assert.Contains("'1.0-beta', which is not MAJOR.MINOR.PATCH", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsAnError()
    {
        var error = _session.Run("Get-StsFtwVersion -PropsPath $path", new Dictionary<string, object?> { ["path"] = Path.Combine(_directory, "nope.props") }).SingleError();
        Assert.Contains("does not exist", error.Exception.Message, StringComparison.Ordinal);
    }
}
