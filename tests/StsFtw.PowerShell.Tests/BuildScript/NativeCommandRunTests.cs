using System.Text.RegularExpressions;
using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.BuildScript;

/// <summary>Running real programs: progress lines, exit codes that stop the build, and -WhatIf dry runs.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class NativeCommandRunTests : IDisposable
{
    private readonly BuildScriptSession _session = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("stsftw-run").FullName;

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ScriptResult RunNative(string filePath, params string[] arguments) =>
        _session.Run("Invoke-NativeCommand -Command (New-NativeCommand -FilePath $file -ArgumentList $arguments)",
            new Dictionary<string, object?> { ["file"] = filePath, ["arguments"] = arguments });

    [Fact]
    public void SuccessfulCommandIsAnnouncedAndItsOutputFlowsThrough()
    {
        var result = RunNative("node", "-e", "console.log('built')");
        Assert.Equal(new[] { "built" }, result.Strings());
        Assert.Matches(new Regex(@"^==> \d\d:\d\d:\d\d node -e console\.log\('built'\)$", RegexOptions.Multiline), _session.Ui.Text);
    }

    [Fact]
    public void CommandThatExitsWithThreeStopsWithItsCodeAndCommandLine()
    {
        var error = RunNative("node", "-e", "process.exit(3)").SingleError();
        Assert.Equal("Command failed with exit code 3: node -e process.exit(3)", error.Exception.Message);
    }

    [Fact]
    public void DotnetWithABogusArgumentStopsTheBuild()
    {
        var error = RunNative("dotnet", "--stsftw-no-such-option").SingleError();
        Assert.Matches(@"^Command failed with exit code [1-9]\d*: dotnet --stsftw-no-such-option$", error.Exception.Message);
    }

    [Fact]
    public void ExitCodeIsReportedByTheScriptEvenWhenTheSessionAsksPowerShellToThrowForNativeCommands()
    {
        var error = _session.Run("$global:PSNativeCommandUseErrorActionPreference = $true; . $script; Invoke-NativeCommand -Command (New-NativeCommand -FilePath node -ArgumentList '-e', 'process.exit(3)')",
            new Dictionary<string, object?> { ["script"] = BuildScriptSession.ScriptPath }).SingleError();
        Assert.Equal("Command failed with exit code 3: node -e process.exit(3)", error.Exception.Message);
    }

    [Fact]
    public void ProgramNotOnPathIsNamed()
    {
        var error = RunNative("stsftw-no-such-program", "build").SingleError();
        Assert.Equal("'stsftw-no-such-program' is not on PATH; cannot run: stsftw-no-such-program build", error.Exception.Message);
    }

    [Fact]
    public void FunctionNamedLikeTheProgramCannotStandInForIt()
    {
        var result = _session.Run("""
            function node { 'the function ran' }
            Invoke-NativeCommand -Command (New-NativeCommand -FilePath node -ArgumentList '-e', 'console.log(42)')
            """);
        Assert.Equal(new[] { "42" }, result.Strings());
    }

    [Fact]
    public void WhatIfPrintsTheCommandAndDoesNotRunIt()
    {
        var marker = Path.Combine(_directory, "ran");
        var result = _session.Run("Invoke-NativeCommand -Command (New-NativeCommand -FilePath node -ArgumentList '-e', $script) -WhatIf",
            new Dictionary<string, object?> { ["script"] = $"require('fs').writeFileSync({System.Text.Json.JsonSerializer.Serialize(marker)}, 'x')" });
        result.ThrowOnError();
        Assert.False(File.Exists(marker));
        Assert.Contains("What if: Performing the operation \"Run\" on target \"node -e \"require('fs')", _session.Ui.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("==>", _session.Ui.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FailingTaskStopsThePlanNamingTheTaskTheCommandAndItsExitCode()
    {
        _session.CreateContext();
        var missing = Path.Combine(_directory, "Missing.slnx");
        var result = _session.Run("$context.Solution = $missing; Invoke-BuildPlan -Plan Build, Test -Context $context", new Dictionary<string, object?> { ["missing"] = missing });

        var message = result.SingleError().Exception.Message;
        Assert.Matches($@"^Task Build failed after \d+:\d\d\.\d: Command failed with exit code [1-9]\d*: dotnet build {Regex.Escape(missing)} --configuration Release --nologo$", message);
        Assert.Contains("Task Build (1/2)", _session.Ui.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Task Test", _session.Ui.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployDryRunShowsPublishInitAndApplyInOrderAndRunsNone()
    {
        var terraform = Directory.CreateDirectory(Path.Combine(_directory, "terraform")).FullName;
        var varFile = Path.Combine(_directory, "prod.tfvars");
        var backend = Path.Combine(_directory, "backend.hcl");
        _session.CreateContext(extraArguments: "-VarFile $var -BackendConfig $backend -AutoApprove", variables: new Dictionary<string, object?> { ["var"] = varFile, ["backend"] = backend });
        _session.Run("$context.TerraformFolder = $terraform; Invoke-BuildPlan -Plan PublishLambda, Deploy -Context $context -WhatIf",
            new Dictionary<string, object?> { ["terraform"] = terraform }).ThrowOnError();

        var zip = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "lambda", "linux-x64", "bootstrap-linux-x64.zip");
        var whatIf = WhatIfTargets();
        Assert.Equal(
            new[]
            {
                $"dotnet publish {Path.Combine(TestPaths.RepositoryRoot, "src", "StsFtw.Lambda", "StsFtw.Lambda.csproj")} --configuration Release --runtime linux-x64 --output {Path.GetDirectoryName(zip)} --nologo",
                $"terraform -chdir={terraform} init -input=false -backend-config={backend}",
                $"terraform -chdir={terraform} apply -input=false -var-file={varFile} -var=lambda_zip_path={zip} -auto-approve",
            },
            whatIf);
        Assert.DoesNotMatch(@"==> \d\d:\d\d:\d\d (dotnet|terraform) ", _session.Ui.Text);
        Assert.False(Directory.Exists(Path.Combine(terraform, ".terraform")));
    }

    private string[] WhatIfTargets() =>
        Regex.Matches(_session.Ui.Text, "What if: Performing the operation \"Run\" on target \"(.*)\"\\.").Select(m => m.Groups[1].Value).ToArray();
}
