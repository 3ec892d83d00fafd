using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StsFtw.Deployment.Tests.Hcl;

/// <summary>One Terraform module: the JSON of all its .tf files, merged the way Terraform merges them.</summary>
public sealed partial class TerraformModule
{
    private readonly IReadOnlyList<JsonObject> _files;

    /// <summary>Creates the module from the JSON of its files.</summary>
    public TerraformModule(string name, IEnumerable<JsonObject> files)
    {
        Name = name;
        _files = files.ToList();
    }

    /// <summary>"root" or the module folder's name.</summary>
    public string Name { get; }

    /// <summary>Declared input variables, by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Variables => Named("variable");

    /// <summary>Declared outputs, by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Outputs => Named("output");

    /// <summary>Module calls, by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> ModuleCalls => Named("module");

    /// <summary>All <c>locals</c> entries, by name.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Locals =>
        _files.SelectMany(file => Blocks(file["locals"]))
            .SelectMany(block => block)
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);

    /// <summary>The <c>terraform</c> blocks.</summary>
    public IEnumerable<JsonObject> TerraformBlocks => _files.SelectMany(file => Blocks(file["terraform"]));

    /// <summary>Provider configurations, by provider name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Providers => Named("provider");

    /// <summary>Managed resources of one type, by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources(string type) => Typed("resource", type);

    /// <summary>Data sources of one type, by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> DataSources(string type) => Typed("data", type);

    /// <summary>Every managed resource, as (type, name, body).</summary>
    public IEnumerable<(string Type, string Name, JsonObject Body)> AllResources =>
        from file in _files
        let resources = file["resource"] as JsonObject
        where resources is not null
        from type in resources
        from named in type.Value!.AsObject()
        from body in Blocks(named.Value)
        select (type.Key, named.Key, body);

    /// <summary>
    /// The value of an attribute, with a whole-value reference to a local (<c>"${local.x}"</c>) replaced by the
    /// local's own value, so a list kept in <c>locals</c> reads like a literal list.
    /// </summary>
    public JsonNode? Resolve(JsonNode? value)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var expression)
            && LocalReference().Match(expression) is { Success: true } match
            && Locals.TryGetValue(match.Groups["name"].Value, out var local))
        {
            return Resolve(local);
        }
        return value;
    }

    /// <summary>An attribute that is a list of strings (or one string), after <see cref="Resolve"/>.</summary>
    public IReadOnlyList<string> Strings(JsonNode? value) => Resolve(value) switch
    {
        null => [],
        JsonArray array => array.Select(item => item?.ToString() ?? string.Empty).ToList(),
        var single => [single.ToString()],
    };

    /// <summary>True only for the literal <c>true</c> (an expression is not known to be true).</summary>
    public static bool IsTrue(JsonNode? value) => value is JsonValue literal && literal.TryGetValue<bool>(out var flag) && flag;

    /// <summary>A block written in HCL is an array of bodies in JSON; an attribute holding an object is one body.</summary>
    public static IEnumerable<JsonObject> Blocks(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject single => [single],
        _ => [],
    };

    private IReadOnlyDictionary<string, JsonObject> Named(string kind) =>
        _files.Select(file => file[kind] as JsonObject)
            .Where(blocks => blocks is not null)
            .SelectMany(blocks => blocks!)
            .ToDictionary(entry => entry.Key, entry => Blocks(entry.Value).Single(), StringComparer.Ordinal);

    private IReadOnlyDictionary<string, JsonObject> Typed(string kind, string type) =>
        _files.Select(file => (file[kind] as JsonObject)?[type] as JsonObject)
            .Where(named => named is not null)
            .SelectMany(named => named!)
            .ToDictionary(entry => entry.Key, entry => Blocks(entry.Value).Single(), StringComparer.Ordinal);

    [GeneratedRegex(@"^\$\{local\.(?<name>[A-Za-z0-9_]+)\}$")]
    private static partial Regex LocalReference();
}
