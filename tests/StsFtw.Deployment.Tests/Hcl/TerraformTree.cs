using System.Text.Json.Nodes;

namespace StsFtw.Deployment.Tests.Hcl;

/// <summary>
/// The whole <c>terraform/</c> folder, converted once per test run (one node process) and shared by the tests
/// of the <see cref="TerraformCollection"/>.
/// </summary>
public sealed class TerraformTree : IAsyncLifetime
{
    private IReadOnlyDictionary<string, JsonObject> _files = new Dictionary<string, JsonObject>();

    /// <summary>The root module.</summary>
    public TerraformModule Root { get; private set; } = new("root", []);

    /// <summary>The modules under terraform/modules, by folder name.</summary>
    public IReadOnlyDictionary<string, TerraformModule> Modules { get; private set; } = new Dictionary<string, TerraformModule>();

    /// <summary>The root and every module.</summary>
    public IEnumerable<TerraformModule> AllModules => Modules.Values.Prepend(Root);

    /// <summary>terraform.tfvars.example as JSON.</summary>
    public JsonObject TfvarsExample => _files["terraform.tfvars.example"];

    /// <summary>backend.hcl.example as JSON.</summary>
    public JsonObject BackendExample => _files["backend.hcl.example"];

    /// <summary>The module a call's <c>source</c> names (<c>./modules/x</c>).</summary>
    public TerraformModule ModuleCalledBy(JsonObject call)
    {
        var source = call["source"]?.ToString() ?? throw new InvalidOperationException("A module call without source.");
        const string Prefix = "./modules/";
        if (!source.StartsWith(Prefix, StringComparison.Ordinal)) throw new InvalidOperationException($"Unexpected module source {source}.");
        return Modules[source[Prefix.Length..]];
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _files = await Hcl2Json.ConvertDirectoryAsync(RepositoryPaths.Terraform, CancellationToken.None);
        Root = new TerraformModule("root", TerraformFiles(file => !file.Contains('/')));
        Modules = _files.Keys
            .Where(path => path.StartsWith("modules/", StringComparison.Ordinal) && path.EndsWith(".tf", StringComparison.Ordinal))
            .Select(path => path.Split('/')[1])
            .Distinct()
            .ToDictionary(name => name, name => new TerraformModule(name, TerraformFiles(file => file.StartsWith($"modules/{name}/", StringComparison.Ordinal))));
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<JsonObject> TerraformFiles(Func<string, bool> belongs) =>
        _files.Where(file => file.Key.EndsWith(".tf", StringComparison.Ordinal) && belongs(file.Key)).Select(file => file.Value);
}

/// <summary>Test classes that share one conversion of terraform/.</summary>
[CollectionDefinition(Name)]
public sealed class TerraformCollection : ICollectionFixture<TerraformTree>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "terraform";
}
