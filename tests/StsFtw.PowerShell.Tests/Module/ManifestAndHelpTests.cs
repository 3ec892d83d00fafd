using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.Module;

[Collection(PowerShellCollection.Name)]
public sealed class ManifestAndHelpTests : IDisposable
{
    private static readonly string[] Cmdlets =
    {
        "Get-StsCredential", "Get-StsConsoleUrl", "Set-StsEnvironment", "Clear-StsCredentialCache", "New-StsEnrollment", "Get-StsEnrollment", "Set-StsEnrollment",
        "Unlock-StsEnrollment", "Remove-StsEnrollment", "Invoke-StsCommand", "Register-StsProfile", "Unregister-StsProfile", "New-StsInvitation", "Register-StsDevice",
    };

    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void ManifestPassesTestModuleManifest()
    {
        var module = PSObject.AsPSObject(_session.Run($"Test-ModuleManifest -Path '{TestPaths.ModuleManifest}'").Single<object>());
        Assert.Equal("StsFtw", module.Properties["Name"].Value);
        Assert.Equal(new[] { "Core", "Desktop" }, ((IEnumerable<string>)module.Properties["CompatiblePSEditions"].Value).Order());
        Assert.Equal(new Version(5, 1), module.Properties["PowerShellVersion"].Value);
    }

    [Fact]
    public void ModuleVersionComesFromDirectoryBuildProps()
    {
        var version = _session.Run($"(Test-ModuleManifest -Path '{TestPaths.ModuleManifest}').Version.ToString()").Strings().Single();
        Assert.Equal(TestPaths.VersionPrefix, version);
        var props = XDocument.Load(Path.Combine(TestPaths.RepositoryRoot, "Directory.Build.props"));
        Assert.Equal(props.Descendants("VersionPrefix").Single().Value, version);
    }

    [Fact]
    public void LaidOutManifestIsTheRootManifestWithOnlyItsModuleVersionWritten()
    {
        // The root StsFtw.psd1 is the source; its ModuleVersion is a placeholder the build overwrites, so a release
        // changes VersionPrefix and nothing else.
        var source = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "StsFtw.psd1")).TrimEnd();
        var laidOut = File.ReadAllText(TestPaths.ModuleManifest).TrimEnd();
        var versionLine = new Regex(@"(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'");
        Assert.Matches(versionLine, source);
        Assert.Equal(versionLine.Replace(source, $"$1'{TestPaths.VersionPrefix}'"), laidOut);
    }

    [Fact]
    public void ManifestExportsExactlyTheCmdletsAndNoFunctionsOrAliases()
    {
        var facts = _session.Run($$"""
            $m = Test-ModuleManifest -Path '{{TestPaths.ModuleManifest}}'
            'CMDLETS ' + (([string[]]$m.ExportedCmdlets.Keys | ForEach-Object { $_ }) -join ',')
            'FUNCTIONS ' + $m.ExportedFunctions.Count
            'ALIASES ' + $m.ExportedAliases.Count
            'ROOT ' + $m.RootModule
            'TAGS ' + ($m.PrivateData.PSData.Tags -join ',')
            """).Strings();
        var cmdlets = facts.Single(f => f.StartsWith("CMDLETS ", StringComparison.Ordinal))["CMDLETS ".Length..].Split(',');
        Assert.Equal(Cmdlets.Order(), cmdlets.Order());
        Assert.Contains("FUNCTIONS 0", facts);
        Assert.Contains("ALIASES 0", facts);
        Assert.Contains("ROOT StsFtw.PowerShell.dll", facts);
        Assert.Contains(facts, f => f.StartsWith("TAGS ", StringComparison.Ordinal) && f.Contains("PSEdition_Core") && f.Contains("PSEdition_Desktop"));
        var exported = _session.Run("Get-Command -Module StsFtw | ForEach-Object Name").Strings();
        Assert.Equal(Cmdlets.Order(), exported.Order());
    }

    [Fact]
    public void EveryCmdletUsesAnApprovedVerb()
    {
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsData), typeof(VerbsLifecycle), typeof(VerbsDiagnostic), typeof(VerbsCommunications), typeof(VerbsSecurity), typeof(VerbsOther) }
            .SelectMany(t => t.GetFields()).Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.All(Cmdlets, name => Assert.Contains(name.Split('-')[0], approved));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void HelpDescribesTheCmdletEveryParameterAndHasExamples(string cmdlet)
    {
        var synopsis = _session.Run($"(Get-Help {cmdlet} -Full).Synopsis").Strings().Single().Trim();
        Assert.False(string.IsNullOrEmpty(synopsis));
        Assert.DoesNotContain(cmdlet + " ", synopsis); // an auto-generated synopsis is the syntax line
        var description = _session.Run($"(Get-Help {cmdlet} -Full).description | ForEach-Object Text").Strings();
        Assert.NotEmpty(description);
        var examples = _session.Run($"(Get-Help {cmdlet} -Full).examples.example | ForEach-Object code").Strings();
        Assert.NotEmpty(examples);

        var parameters = _session.Run(
            $"(Get-Command {cmdlet}).Parameters.Keys | Where-Object {{ [System.Management.Automation.Cmdlet]::CommonParameters -notcontains $_ -and [System.Management.Automation.Cmdlet]::OptionalCommonParameters -notcontains $_ }}").Strings();
        Assert.NotEmpty(parameters);
        foreach (var parameter in parameters)
        {
            var text = _session.Run($"(Get-Help {cmdlet} -Parameter {parameter}).description | ForEach-Object Text").Strings();
            Assert.True(text.Count > 0 && text.All(t => t.Length > 10), $"{cmdlet} -{parameter} has no help text.");
        }
    }

    [Fact]
    public void RoleCompletionOffersTheConfiguredRoles()
    {
        using var environment = new EnvironmentScope(new Dictionary<string, string?> { ["STS_ROLES"] = "Developer,Deployer,Auditor" });
        var completions = _session.Run("(TabExpansion2 -inputScript 'Get-StsCredential -Role De' -cursorColumn 26).CompletionMatches | ForEach-Object CompletionText").Strings();
        Assert.Equal(new[] { "Developer", "Deployer" }, completions);
    }

    public static TheoryData<string> CmdletNames() => new(Cmdlets);
}
