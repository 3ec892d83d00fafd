using System.Text.RegularExpressions;
using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.BuildScript;

/// <summary>The whole script run in the hosted engine: its main body, exit code and -WhatIf.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class BuildScriptRunTests : IDisposable
{
    private readonly BuildScriptSession _session = new(dotSource: false);

    public void Dispose() => _session.Dispose();

    private ScriptResult RunScript(string arguments) =>
        _session.Run($"& $script {arguments}; 'EXIT ' + $global:LASTEXITCODE", new Dictionary<string, object?> { ["script"] = BuildScriptSession.ScriptPath });

    [Fact]
    public void DotSourcingDefinesTheFunctionsAndRunsNoTask()
    {
        var result = _session.Run(". $script; (Get-Command -Name Invoke-BuildPlan).CommandType.ToString()", new Dictionary<string, object?> { ["script"] = BuildScriptSession.ScriptPath });
        Assert.Equal(new[] { "Function" }, result.Strings());
        Assert.Equal("", _session.Ui.Text);
    }

    [Fact]
    public void GetHelpShowsTheSynopsisEveryParameterAndAnExamplePerTask()
    {
        var variables = new Dictionary<string, object?> { ["script"] = BuildScriptSession.ScriptPath };
        var synopsis = _session.Run("(Get-Help $script -Full).Synopsis", variables).Strings().Single();
        Assert.StartsWith("Builds, tests, packages, installs and deploys StsFtw", synopsis, StringComparison.Ordinal);
        var parameters = _session.Run("(Get-Help $script -Full).parameters.parameter | Where-Object { $_.description } | ForEach-Object name", variables).Strings();
        Assert.Equal(new[] { "AutoApprove", "BackendConfig", "Configuration", "Scope", "Task", "VarFile" }, parameters.Order());
        var examples = _session.Run("(Get-Help $script -Examples).examples.example | ForEach-Object code", variables).Strings();
        Assert.All(new[] { "Build", "Test", "Package", "PublishLambda", "Deploy", "Install" }, task => Assert.Contains(examples, e => e.Contains($"-Task {task}", StringComparison.Ordinal)));
    }

    [Fact]
    public void DeployWithoutAVarFileExitsWithOneBeforeRunningAnything()
    {
        var result = RunScript("-Task Deploy");
        Assert.Equal("EXIT 1", result.Strings().Last());
        Assert.Contains("build.ps1: Deploy needs -VarFile <file.tfvars>", _session.Ui.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("==>", _session.Ui.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DryRunOfEveryLocalTaskPrintsEachCommandInOrderAndRunsNone()
    {
        var result = RunScript("-Task Install, Package, Test, Build -Configuration Debug -WhatIf");
        result.ThrowOnError();

        var root = TestPaths.RepositoryRoot;
        var module = Path.Combine(root, "src", "StsFtw.PowerShell", "StsFtw.PowerShell.csproj");
        var targets = Regex.Matches(_session.Ui.Text, "What if: Performing the operation \"(.*?)\" on target \"(.*)\"\\.").Select(m => m.Groups[2].Value).ToArray();
        Assert.Equal(
            new[]
            {
                $"dotnet build {Path.Combine(root, "StsFtw.slnx")} --configuration Debug --nologo",
                $"dotnet test {Path.Combine(root, "StsFtw.slnx")} --configuration Debug --nologo",
                $"dotnet publish {Path.Combine(root, "src", "StsFtw.Lambda", "StsFtw.Lambda.csproj")} --configuration Release --runtime linux-x64 --output {Path.Combine(root, "artifacts", "lambda", "linux-x64")} --nologo",
                $"dotnet build {module} --configuration Debug --nologo -t:PackModule",
                $"dotnet build {module} --configuration Debug --nologo",
                Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".local", "share"), "powershell", "Modules", "StsFtw", TestPaths.VersionPrefix),
            },
            targets);
        Assert.DoesNotMatch(@"==> \d\d:\d\d:\d\d dotnet ", _session.Ui.Text);
        foreach (var task in new[] { "Build", "Test", "PublishLambda", "Package", "Install" })
        {
            Assert.Matches($@"==> \d\d:\d\d:\d\d Task {task} done in \d+:\d\d\.\d", _session.Ui.Text);
        }
        Assert.Matches(@"==> \d\d:\d\d:\d\d Done: Build, Test, PublishLambda, Package, Install in ", _session.Ui.Text);
    }
}
