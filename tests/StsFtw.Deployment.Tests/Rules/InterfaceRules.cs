using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StsFtw.Deployment.Tests.Hcl;

namespace StsFtw.Deployment.Tests.Rules;

/// <summary>Rules for the modules' interfaces: variables, module calls, the tfvars example.</summary>
public static class InterfaceRules
{
    /// <summary>
    /// Variables whose values decide who gets what (permissions, TLS, lockout, session length, who is alerted):
    /// each must be validated, where it is declared or in the module it is passed to.
    /// </summary>
    public static readonly IReadOnlySet<string> SecurityRelevantVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin_email", "admin_principal_arns", "alb_ssl_policy", "allowed_cidr_blocks", "architecture",
        "assumable_role_arn_pattern", "audit_email_event_types", "broker_role_arn", "default_duration_seconds",
        "email_event_types", "endpoint_type", "kms_key_arn", "lockout_failure_limit", "lockout_seconds",
        "max_duration_seconds", "ssl_policy", "table_arn", "timeout_seconds", "topic_arn",
        "administrator_arns", "alarm_arns", "alert_email", "alerts_topic_arn", "audit_topic_arn", "dns_names",
        "dns_zone_arn", "endpoint_arns", "event_rule_arn", "function_arn", "key_administrator_arns", "key_alias_arn",
        "key_arn", "log_group_arn", "log_group_name", "refusal_alarm_threshold", "reserved_concurrency", "topic_arns",
        "waf_rate_limit",
    };

    private static readonly IReadOnlySet<string> MetaArguments = new HashSet<string>(StringComparer.Ordinal)
    {
        "source", "version", "providers", "depends_on", "count", "for_each",
    };

    /// <summary>Variables without a description.</summary>
    public static IReadOnlyList<string> UndescribedVariables(TerraformModule module) =>
        module.Variables
            .Where(variable => string.IsNullOrWhiteSpace(variable.Value["description"]?.ToString()))
            .Select(variable => $"{module.Name}: variable {variable.Key} has no description")
            .ToList();

    /// <summary>
    /// Sensitive and security-relevant variables without validation. A variable the module only passes on
    /// (<c>name = var.x</c>) counts as validated when the variable it is passed to is.
    /// </summary>
    public static IReadOnlyList<string> UnvalidatedVariables(TerraformModule module, Func<JsonObject, TerraformModule> calledModule) =>
        module.Variables
            .Where(variable => TerraformModule.IsTrue(variable.Value["sensitive"]) || SecurityRelevantVariables.Contains(variable.Key))
            .Where(variable => variable.Value["validation"] is null && !ValidatedDownstream(module, variable.Key, calledModule))
            .Select(variable => $"{module.Name}: variable {variable.Key} is not validated")
            .ToList();

    /// <summary>Module calls that leave a variable of the called module unset, or set one it does not declare.</summary>
    public static IReadOnlyList<string> UnwiredModuleInputs(TerraformModule caller, Func<JsonObject, TerraformModule> calledModule)
    {
        var problems = new List<string>();
        foreach (var (name, call) in caller.ModuleCalls)
        {
            var called = calledModule(call);
            var passed = call.Select(argument => argument.Key).Where(key => !MetaArguments.Contains(key)).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(called.Variables.Keys.Where(v => !passed.Contains(v)).Select(v => $"module.{name} does not pass {v}"));
            problems.AddRange(passed.Where(p => !called.Variables.ContainsKey(p)).Select(p => $"module.{name} passes {p}, which {called.Name} does not declare"));
        }
        return problems;
    }

    /// <summary>Settings in a tfvars file that the root does not declare, and required variables it leaves out.</summary>
    public static IReadOnlyList<string> TfvarsProblems(JsonObject tfvars, TerraformModule root) =>
        tfvars.Select(setting => setting.Key).Where(key => !root.Variables.ContainsKey(key)).Select(key => $"tfvars sets undeclared variable {key}")
            .Concat(root.Variables.Where(v => !v.Value.ContainsKey("default") && !tfvars.ContainsKey(v.Key)).Select(v => $"tfvars leaves required variable {v.Key} unset"))
            .ToList();

    private static bool ValidatedDownstream(TerraformModule module, string variable, Func<JsonObject, TerraformModule> calledModule)
    {
        var targets = module.ModuleCalls.Values
            .SelectMany(call => call.Where(argument => !MetaArguments.Contains(argument.Key) && Mentions(module, argument.Value, variable))
                .Select(argument => (Module: calledModule(call), Variable: argument.Key)))
            .ToList();
        return targets.Count > 0 && targets.All(target =>
            target.Module.Variables.TryGetValue(target.Variable, out var declared) && declared["validation"] is not null);
    }

    // The argument's expression names var.<variable>, directly or through one local (locals { x = coalesce(var.y, ...) }).
    private static bool Mentions(TerraformModule module, JsonNode? argument, string variable)
    {
        var text = argument?.ToJsonString() ?? string.Empty;
        if (Regex.IsMatch(text, $@"\bvar\.{Regex.Escape(variable)}\b")) return true;
        var local = Regex.Match(text, @"^""\$\{local\.(?<name>[A-Za-z0-9_]+)\}""$");
        return local.Success && module.Locals.TryGetValue(local.Groups["name"].Value, out var value)
            && Regex.IsMatch(value?.ToJsonString() ?? string.Empty, $@"\bvar\.{Regex.Escape(variable)}\b");
    }
}
