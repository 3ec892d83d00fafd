using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.BuildScript;

/// <summary>The exact program and arguments each task runs, built without running anything.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class NativeCommandArgumentTests : IDisposable
{
    private readonly BuildScriptSession _session = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("stsftw-args").FullName;

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Root => TestPaths.RepositoryRoot;

    private static string Repo(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    private string[] Command(string builder, string context = "context")
    {
        var lines = _session.Run($"$command = {builder} -Context ${context}; $command.FilePath; $command.ArgumentList").Strings();
        return lines.ToArray();
    }

    [Fact]
    public void BuildRunsDotnetBuildOnTheSolution()
    {
        _session.CreateContext(extraArguments: "-Configuration Debug");
        Assert.Equal(new[] { "dotnet", "build", Repo("StsFtw.slnx"), "--configuration", "Debug", "--nologo" }, Command("New-SolutionBuildCommand"));
    }

    [Fact]
    public void TestRunsDotnetTestOnTheSolutionAsCiDoes()
    {
        _session.CreateContext();
        Assert.Equal(new[] { "dotnet", "test", Repo("StsFtw.slnx"), "--configuration", "Release", "--nologo" }, Command("New-SolutionTestCommand"));
    }

    [Fact]
    public void PackageRunsThePackModuleTargetOfTheModuleProject()
    {
        _session.CreateContext();
        Assert.Equal(
            new[] { "dotnet", "build", Repo("src", "StsFtw.PowerShell", "StsFtw.PowerShell.csproj"), "--configuration", "Release", "--nologo", "-t:PackModule" },
            _session.Run("$command = New-ModuleBuildCommand -Context $context -Pack; $command.FilePath; $command.ArgumentList").Strings());
    }

    [Fact]
    public void InstallBuildsTheModuleProjectOnly()
    {
        _session.CreateContext(extraArguments: "-Configuration Debug");
        Assert.Equal(
            new[] { "dotnet", "build", Repo("src", "StsFtw.PowerShell", "StsFtw.PowerShell.csproj"), "--configuration", "Debug", "--nologo" },
            Command("New-ModuleBuildCommand"));
    }

    [Fact]
    public void PublishLambdaIsAReleaseLinuxX64PublishIntoTheArtifactsFolderWhateverTheConfiguration()
    {
        _session.CreateContext(extraArguments: "-Configuration Debug");
        Assert.Equal(
            new[] { "dotnet", "publish", Repo("src", "StsFtw.Lambda", "StsFtw.Lambda.csproj"), "--configuration", "Release", "--runtime", "linux-x64", "--output", Repo("artifacts", "lambda", "linux-x64"), "--nologo" },
            Command("New-LambdaPublishCommand"));
    }

    [Fact]
    public void ArtifactPathsAreWhereTheProjectsWriteThem()
    {
        _session.CreateContext(extraArguments: "-Configuration Debug");
        var paths = _session.Run("$context.ModuleFolder; $context.PackageFile; $context.LambdaZip").Strings();
        Assert.Equal(
            new[]
            {
                Repo("artifacts", "module", "Debug", "StsFtw"),
                Repo("artifacts", "package", "Debug", $"StsFtw.{TestPaths.VersionPrefix}.nupkg"),
                Repo("artifacts", "lambda", "linux-x64", "bootstrap-linux-x64.zip"),
            },
            paths);
        Assert.Equal(TestPaths.ModuleDirectory.Replace(TestPaths.Configuration, "Debug", StringComparison.Ordinal), paths[0]);
    }

    [Fact]
    public void TerraformInitPassesTheBackendFileAsAnAbsolutePath()
    {
        _session.Run("$ExecutionContext.SessionState.Path.SetLocation($directory) | Out-Null", new Dictionary<string, object?> { ["directory"] = _directory }).ThrowOnError();
        _session.CreateContext(extraArguments: "-VarFile prod.tfvars -BackendConfig ./state/backend.hcl");
        Assert.Equal(
            new[] { "terraform", $"-chdir={Repo("terraform")}", "init", "-input=false", $"-backend-config={Path.Combine(_directory, "state", "backend.hcl")}" },
            Command("New-TerraformInitCommand"));
    }

    [Fact]
    public void TerraformInitWithoutABackendFileUsesTheConfiguredBackend()
    {
        _session.CreateContext(extraArguments: "-VarFile prod.tfvars");
        Assert.Equal(new[] { "terraform", $"-chdir={Repo("terraform")}", "init", "-input=false" }, Command("New-TerraformInitCommand"));
    }

    [Fact]
    public void TerraformApplyGetsTheVarFileAndTheZipsAbsolutePathAndAsksFirst()
    {
        _session.Run("$ExecutionContext.SessionState.Path.SetLocation($directory) | Out-Null", new Dictionary<string, object?> { ["directory"] = _directory }).ThrowOnError();
        _session.CreateContext(extraArguments: "-VarFile prod.tfvars");
        var zip = Repo("artifacts", "lambda", "linux-x64", "bootstrap-linux-x64.zip");
        var command = Command("New-TerraformApplyCommand");

        Assert.Equal(
            new[] { "terraform", $"-chdir={Repo("terraform")}", "apply", "-input=false", $"-var-file={Path.Combine(_directory, "prod.tfvars")}", $"-var=lambda_zip_path={zip}" },
            command);
        Assert.True(Path.IsPathRooted(zip));
        Assert.DoesNotContain("-auto-approve", command);
    }

    [Fact]
    public void TerraformApplyWithAutoApproveDoesNotAsk()
    {
        _session.CreateContext(extraArguments: "-VarFile prod.tfvars -AutoApprove");
        Assert.Equal("-auto-approve", Command("New-TerraformApplyCommand").Last());
    }

    [Fact]
    public void TerraformApplyWithoutAVarFileIsAnError()
    {
        _session.CreateContext();
        var error = _session.Run("New-TerraformApplyCommand -Context $context").SingleError();
        Assert.Contains("-VarFile", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArgumentsWithSpacesStayOneArgumentAndAreQuotedOnlyForDisplay()
    {
        var spaced = Path.Combine(_directory, "my vars", "prod.tfvars");
        _session.CreateContext(extraArguments: "-VarFile $spaced", variables: new Dictionary<string, object?> { ["spaced"] = spaced });
        Assert.Contains($"-var-file={spaced}", Command("New-TerraformApplyCommand"));
        var line = _session.Run("Format-CommandLine -Command (New-TerraformApplyCommand -Context $context)").Strings().Single();
        Assert.Contains($"\"-var-file={spaced}\"", line, StringComparison.Ordinal);
    }
}
