using System.Text.Json.Nodes;

namespace StsFtw.Deployment.Tests.Hcl;

/// <summary>One statement of an <c>aws_iam_policy_document</c> data source (plain or inside a <c>dynamic</c> block).</summary>
public sealed record PolicyStatement(
    string Module,
    string Document,
    string Sid,
    string Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> NotActions,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> NotResources,
    IReadOnlyList<(string Type, IReadOnlyList<string> Identifiers)> Principals,
    IReadOnlyList<(string Test, string Variable, IReadOnlyList<string> Values)> Conditions)
{
    /// <summary>Where the statement is, for messages.</summary>
    public string Where => $"{Module}: data.aws_iam_policy_document.{Document} statement \"{Sid}\"";

    /// <summary>True when any action of the statement belongs to <paramref name="service"/> (e.g. "sts").</summary>
    public bool HasActionOf(string service) =>
        Actions.Any(action => action == "*" || action.StartsWith(service + ":", StringComparison.OrdinalIgnoreCase));

    /// <summary>The values of the condition with this test and variable, or null when there is none.</summary>
    public IReadOnlyList<string>? Condition(string test, string variable) =>
        Conditions.Where(c => c.Test == test && c.Variable == variable).Select(c => c.Values).FirstOrDefault();

    /// <summary>Every statement of every policy document in <paramref name="module"/>.</summary>
    public static IEnumerable<PolicyStatement> AllIn(TerraformModule module) =>
        from document in module.DataSources("aws_iam_policy_document")
        from statement in Statements(document.Value)
        select Read(module, document.Key, statement);

    private static IEnumerable<JsonObject> Statements(JsonObject document)
    {
        var plain = TerraformModule.Blocks(document["statement"]);
        var dynamic = TerraformModule.Blocks(document["dynamic"])
            .SelectMany(block => TerraformModule.Blocks(block["statement"]))
            .SelectMany(block => TerraformModule.Blocks(block["content"]));
        return plain.Concat(dynamic);
    }

    private static PolicyStatement Read(TerraformModule module, string document, JsonObject statement) => new(
        module.Name,
        document,
        statement["sid"]?.ToString() ?? "(no sid)",
        statement["effect"]?.ToString() ?? "Allow",
        module.Strings(statement["actions"]),
        module.Strings(statement["not_actions"]),
        module.Strings(statement["resources"]),
        module.Strings(statement["not_resources"]),
        TerraformModule.Blocks(statement["principals"])
            .Select(p => (p["type"]?.ToString() ?? string.Empty, module.Strings(p["identifiers"])))
            .ToList(),
        TerraformModule.Blocks(statement["condition"])
            .Select(c => (c["test"]?.ToString() ?? string.Empty, c["variable"]?.ToString() ?? string.Empty, module.Strings(c["values"])))
            .ToList());
}
