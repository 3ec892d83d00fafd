using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.BuildScript;

/// <summary>Which tasks run, and in which order, for what the user asked.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class BuildTaskOrderTests : IDisposable
{
    private readonly BuildScriptSession _session = new();

    public void Dispose() => _session.Dispose();

    private string[] Resolve(params string[] tasks) =>
        _session.Run("Resolve-BuildTaskOrder -Task $tasks", new Dictionary<string, object?> { ["tasks"] = tasks }).Strings().ToArray();

    private string ResolveError(params string[] tasks) =>
        _session.Run("Resolve-BuildTaskOrder -Task $tasks", new Dictionary<string, object?> { ["tasks"] = tasks }).SingleError().Exception.Message;

    [Fact]
    public void BuildThenTestRunInThatOrder()
    {
        Assert.Equal(new[] { "Build", "Test" }, Resolve("Build", "Test"));
    }

    [Fact]
    public void TasksRunInDependencyOrderWhateverOrderTheyAreGivenIn()
    {
        Assert.Equal(new[] { "Build", "Test", "Install" }, Resolve("Install", "Test", "Build"));
    }

    [Fact]
    public void DeployPublishesTheLambdaFirst()
    {
        Assert.Equal(new[] { "PublishLambda", "Deploy" }, Resolve("Deploy"));
    }

    [Fact]
    public void PackageIncludesTheLambdaZip()
    {
        Assert.Equal(new[] { "PublishLambda", "Package" }, Resolve("Package"));
    }

    [Fact]
    public void ATaskNeededTwiceRunsOnce()
    {
        Assert.Equal(new[] { "PublishLambda", "Package", "Deploy" }, Resolve("Deploy", "Package", "PublishLambda", "Deploy"));
    }

    [Fact]
    public void NamesMatchCaseInsensitivelyAndComeBackInTheCatalogSpelling()
    {
        Assert.Equal(new[] { "Build", "PublishLambda" }, Resolve("publishlambda", "BUILD"));
    }

    [Fact]
    public void UnknownTaskIsRejectedWithTheValidNames()
    {
        var message = ResolveError("Build", "Bulid");
        Assert.Contains("Unknown task 'Bulid'", message, StringComparison.Ordinal);
        Assert.Contains("Build, Test, PublishLambda, Package, Deploy, Install", message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlankTaskIsRejected()
    {
        Assert.Contains("Unknown task ''", ResolveError(""), StringComparison.Ordinal);
    }

    [Fact]
    public void NoTaskIsRejected()
    {
        Assert.Contains("No task given", ResolveError(), StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogNamesTheSameTasksAsTheScriptsValidateSet()
    {
        var catalog = _session.Run("(Get-BuildTaskCatalog).Keys").Strings();
        var validateSet = _session.Run(
            "$command = Get-Command -Name $script; $command.Parameters['Task'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object { $_.ValidValues }",
            new Dictionary<string, object?> { ["script"] = BuildScriptSession.ScriptPath }).Strings();
        Assert.Equal(validateSet.Order(), catalog.Order());
        Assert.Equal(6, catalog.Count);
    }
}
