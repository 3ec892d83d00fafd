using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.BuildScript;

/// <summary>What is checked before anything runs: tools on PATH, Deploy's inputs, the platform for the AOT publish.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class TaskGuardTests : IDisposable
{
    private readonly BuildScriptSession _session = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("stsftw-guard").FullName;

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string[] ToolsFor(params string[] plan) =>
        _session.Run("Get-BuildPrerequisite -Plan $plan | ForEach-Object { $_.Commands -join '|' }", new Dictionary<string, object?> { ["plan"] = plan }).Strings().ToArray();

    [Fact]
    public void EveryTaskNeedsDotnetAndOnlyDeployNeedsTerraform()
    {
        Assert.Equal(new[] { "dotnet", "node", "npm" }, ToolsFor("Build", "Test"));
        Assert.Equal(new[] { "dotnet" }, ToolsFor("Install"));
        Assert.Equal(new[] { "dotnet", "clang|gcc" }, ToolsFor("PublishLambda", "Package"));
        Assert.Equal(new[] { "dotnet", "clang|gcc", "terraform" }, ToolsFor("PublishLambda", "Deploy"));
    }

    [Fact]
    public void MissingToolIsNamedWithWhatToInstallAndWhichTaskNeedsIt()
    {
        var error = _session.Run("""
            Assert-BuildPrerequisite -Prerequisite @(
                [pscustomobject]@{ Commands = @('stsftw-no-such-tool'); NeededBy = @('Deploy'); Install = 'the Example CLI (https://example.com)' }
                [pscustomobject]@{ Commands = @('stsftw-nor-this', 'stsftw-nor-that'); NeededBy = @('PublishLambda'); Install = 'a linker' })
            """).SingleError();
        Assert.Equal(
            "Missing prerequisites: stsftw-no-such-tool (for Deploy): install the Example CLI (https://example.com); stsftw-nor-this or stsftw-nor-that (for PublishLambda): install a linker.",
            error.Exception.Message);
    }

    [Fact]
    public void ToolsThisMachineHasPass()
    {
        _session.Run("Assert-BuildPrerequisite -Prerequisite @(Get-BuildPrerequisite -Plan Build, Test, Install)").ThrowOnError();
    }

    [Fact]
    public void DeployWithoutAVarFileIsRefusedBeforeAnythingRuns()
    {
        _session.CreateContext();
        var error = _session.Run("Assert-BuildInput -Plan PublishLambda, Deploy -Context $context").SingleError();
        Assert.Contains("Deploy needs -VarFile", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployNamesEveryMissingFileAtOnce()
    {
        _session.CreateContext(extraArguments: "-VarFile $var -BackendConfig $backend", variables: new Dictionary<string, object?>
        {
            ["var"] = Path.Combine(_directory, "prod.tfvars"),
            ["backend"] = Path.Combine(_directory, "backend.hcl"),
        });
        _session.Run("$context.TerraformFolder = $missing", new Dictionary<string, object?> { ["missing"] = Path.Combine(_directory, "terraform") }).ThrowOnError();
        var message = _session.Run("Assert-BuildInput -Plan PublishLambda, Deploy -Context $context").SingleError().Exception.Message;
        Assert.Contains($"-VarFile '{Path.Combine(_directory, "prod.tfvars")}' does not exist.", message, StringComparison.Ordinal);
        Assert.Contains($"-BackendConfig '{Path.Combine(_directory, "backend.hcl")}' does not exist.", message, StringComparison.Ordinal);
        Assert.Contains($"The Terraform root module '{Path.Combine(_directory, "terraform")}' is missing.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployWithItsFilesPresentPasses()
    {
        File.WriteAllText(Path.Combine(_directory, "prod.tfvars"), "app_name = \"stsftw\"\n");
        Directory.CreateDirectory(Path.Combine(_directory, "terraform"));
        _session.CreateContext(extraArguments: "-VarFile $var", variables: new Dictionary<string, object?> { ["var"] = Path.Combine(_directory, "prod.tfvars") });
        _session.Run("$context.TerraformFolder = $folder; Assert-BuildInput -Plan PublishLambda, Deploy -Context $context",
            new Dictionary<string, object?> { ["folder"] = Path.Combine(_directory, "terraform") }).ThrowOnError();
    }

    [Fact]
    public void OtherTasksNeedNoDeployInputs()
    {
        _session.CreateContext();
        _session.Run("Assert-BuildInput -Plan Build, Test, PublishLambda, Package, Install -Context $context").ThrowOnError();
    }

    [Fact]
    public void TasksOtherThanInstallDoNotNeedAHomeFolder()
    {
        using var noHome = new EnvironmentScope(new Dictionary<string, string?> { ["HOME"] = null, ["XDG_DATA_HOME"] = null });
        _session.CreateContext();
        Assert.Equal(new[] { "True" }, _session.Run("($null -eq $context.ModuleInstallRoot).ToString()").Strings());
        Assert.Contains("HOME is not set", _session.Run("Invoke-InstallTask -Context $context -WhatIf").SingleError().Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishLambdaOnWindowsSaysToUseWsl()
    {
        var message = _session.Run("Assert-LambdaPublishPlatform -Platform Windows -Architecture X64").SingleError().Exception.Message;
        Assert.Contains("Native AOT cannot compile the linux-x64 bootstrap on Windows", message, StringComparison.Ordinal);
        Assert.Contains("wsl -- pwsh ./build.ps1 -Task PublishLambda", message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishLambdaOnMacOsIsRefused()
    {
        Assert.Contains("on MacOS", _session.Run("Assert-LambdaPublishPlatform -Platform MacOS -Architecture Arm64").SingleError().Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishLambdaOnArmLinuxIsRefused()
    {
        Assert.Contains("this one is Arm64", _session.Run("Assert-LambdaPublishPlatform -Platform Linux -Architecture Arm64").SingleError().Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishLambdaOnX64LinuxPasses()
    {
        _session.Run("Assert-LambdaPublishPlatform -Platform Linux -Architecture X64").ThrowOnError();
    }
}
