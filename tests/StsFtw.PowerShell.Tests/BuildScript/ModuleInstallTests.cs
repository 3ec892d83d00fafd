using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.BuildScript;

/// <summary>Install: where the module goes on each platform, and the copy itself.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class ModuleInstallTests : IDisposable
{
    private readonly BuildScriptSession _session = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("stsftw-install").FullName;

    public ModuleInstallTests()
    {
        Source = Path.Combine(_directory, "built", "StsFtw");
        InstallRoot = Path.Combine(_directory, "Modules");
        Write(Path.Combine(Source, "StsFtw.psd1"), "@{ ModuleVersion = '9.8.7' }");
        Write(Path.Combine(Source, "StsFtw.PowerShell.dll"), "cmdlets");
        Write(Path.Combine(Source, "Dependencies", "StsFtw.Core.dll"), "core");
        Write(Path.Combine(Source, "en-US", "StsFtw.PowerShell.dll-Help.xml"), "<helpItems />");
    }

    private string Source { get; }

    private string InstallRoot { get; }

    private string Installed => Path.Combine(InstallRoot, "StsFtw", "9.8.7");

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Root(string arguments) => _session.Run($"Get-ModuleInstallRoot {arguments}").Strings().Single();

    private ScriptResult Install(string extra = "") =>
        _session.Run($"Install-ModuleFolder -Source $source -InstallRoot $root -Version 9.8.7 {extra}", new Dictionary<string, object?> { ["source"] = Source, ["root"] = InstallRoot });

    private static string[] FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order().ToArray();

    [Fact]
    public void CurrentUserOnWindowsIsDocumentsPowerShellModules()
    {
        Assert.Equal(@"C:\Users\alice\Documents\PowerShell\Modules", Root(@"-Scope CurrentUser -Platform Windows -DocumentsDirectory 'C:\Users\alice\Documents\'"));
    }

    [Fact]
    public void CurrentUserOnWindowsFollowsARedirectedDocumentsFolder()
    {
        Assert.Equal(@"D:\OneDrive\Documents\PowerShell\Modules", Root(@"-Scope CurrentUser -Platform Windows -DocumentsDirectory 'D:\OneDrive\Documents'"));
    }

    [Fact]
    public void AllUsersOnWindowsIsProgramFilesPowerShellModules()
    {
        Assert.Equal(@"C:\Program Files\PowerShell\Modules", Root(@"-Scope AllUsers -Platform Windows -ProgramFilesDirectory 'C:\Program Files'"));
    }

    [Fact]
    public void CurrentUserOnUnixIsLocalSharePowerShellModules()
    {
        Assert.Equal("/home/alice/.local/share/powershell/Modules", Root("-Scope CurrentUser -Platform Unix -HomeDirectory /home/alice/"));
    }

    [Fact]
    public void CurrentUserOnUnixHonoursXdgDataHome()
    {
        Assert.Equal("/data/alice/powershell/Modules", Root("-Scope CurrentUser -Platform Unix -HomeDirectory /home/alice -XdgDataHome /data/alice"));
    }

    [Fact]
    public void AllUsersOnUnixIsUsrLocalSharePowerShellModules()
    {
        Assert.Equal("/usr/local/share/powershell/Modules", Root("-Scope AllUsers -Platform Unix -HomeDirectory /home/alice"));
    }

    [Fact]
    public void CurrentUserWithoutAHomeIsAnError()
    {
        var error = _session.Run("Get-ModuleInstallRoot -Scope CurrentUser -Platform Unix").SingleError();
        Assert.Contains("HOME is not set", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThisMachinesCurrentUserFolderIsTheOnePwshWouldUse()
    {
        var expected = OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.MyDocuments), "PowerShell", "Modules")
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".local", "share"), "powershell", "Modules");
        Assert.Equal(expected, _session.Run("Get-CurrentModuleInstallRoot -Scope CurrentUser").Strings().Single());
    }

    [Fact]
    public void InstallCopiesEveryFileIntoStsFtwSlashVersion()
    {
        var installed = Install().Strings().Single();
        Assert.Equal(Installed, installed);
        Assert.Equal(FilesUnder(Source), FilesUnder(Installed));
        Assert.Equal("core", File.ReadAllText(Path.Combine(Installed, "Dependencies", "StsFtw.Core.dll")));
    }

    [Fact]
    public void InstalledModuleImportsByNameInAFreshProcess()
    {
        var (exit, output, errors) = ScriptHostProcess.Run($$"""
            . '{{BuildScriptSession.ScriptPath}}'
            Install-ModuleFolder -Source '{{TestPaths.ModuleDirectory}}' -InstallRoot '{{InstallRoot}}' -Version '{{TestPaths.VersionPrefix}}' | Out-Null
            Import-Module StsFtw
            $module = Get-Module StsFtw
            'VERSION ' + $module.Version
            'BASE ' + $module.ModuleBase
            'CMDLETS ' + $module.ExportedCmdlets.Count
            """, new Dictionary<string, string> { ["PSModulePath"] = InstallRoot });

        Assert.True(exit == 0, errors);
        Assert.Contains($"VERSION {TestPaths.VersionPrefix}", output, StringComparison.Ordinal);
        Assert.Contains($"BASE {Path.Combine(InstallRoot, "StsFtw", TestPaths.VersionPrefix)}", output, StringComparison.Ordinal);
        Assert.Contains("CMDLETS 7", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ReinstallingTheSameVersionReplacesItAndLeavesOtherVersionsAlone()
    {
        Write(Path.Combine(Installed, "stale.dll"), "from an older build");
        var other = Path.Combine(InstallRoot, "StsFtw", "0.0.1", "StsFtw.psd1");
        Write(other, "older version");

        Install().ThrowOnError();

        Assert.False(File.Exists(Path.Combine(Installed, "stale.dll")));
        Assert.Equal(FilesUnder(Source), FilesUnder(Installed));
        Assert.Equal("older version", File.ReadAllText(other));
        Assert.Equal(new[] { "0.0.1", "9.8.7" }, Directory.GetDirectories(Path.Combine(InstallRoot, "StsFtw")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void WhatIfCopiesNothingAndSaysWhere()
    {
        var result = Install("-WhatIf");
        Assert.Empty(result.ThrowOnError().Output);
        Assert.False(Directory.Exists(InstallRoot));
        Assert.Contains($"What if: Performing the operation \"Install StsFtw 9.8.7 from {Source}\" on target \"{Installed}\"", _session.Ui.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnbuiltModuleIsAnErrorAndTouchesNothing()
    {
        File.Delete(Path.Combine(Source, "StsFtw.psd1"));
        var error = Install().SingleError();
        Assert.Contains("No built module at", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("-Task Build", error.Exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Installed));
    }

    [Fact]
    public void VersionThatIsNotAVersionIsRefusedBeforeAnyFolderIsNamed()
    {
        var error = _session.Run("Install-ModuleFolder -Source $source -InstallRoot $root -Version '..'", new Dictionary<string, object?> { ["source"] = Source, ["root"] = InstallRoot }).SingleError();
        Assert.Equal("ParameterArgumentValidationError,Install-ModuleFolder", error.FullyQualifiedErrorId);
        Assert.False(Directory.Exists(InstallRoot));
    }
}
