using System.Text.RegularExpressions;
using StsFtw.Deployment.Tests.Hcl;

namespace StsFtw.Deployment.Tests.Rules;

/// <summary>Rules for the ALB listeners and the function URL.</summary>
public static partial class EndpointRules
{
    /// <summary>
    /// TLS 1.3 policies offering at most TLS 1.2 besides, with AEAD ciphers only: TLS13-1-2 / 1-3, optionally
    /// Res, FIPS, PQ. Not Ext* (CBC and SHA-1 for old clients), not TLS13-1-1 / 1-0, not 2016-08.
    /// </summary>
    public static bool IsAcceptedTlsPolicy(string name) => AcceptedTlsPolicy().IsMatch(name);

    /// <summary>HTTPS listeners on an accepted policy (directly, or through a validated variable); HTTP listeners only redirecting to HTTPS with 301.</summary>
    public static IReadOnlyList<string> ListenerProblems(TerraformModule module)
    {
        var problems = new List<string>();
        foreach (var (name, listener) in module.Resources("aws_lb_listener"))
        {
            var where = $"{module.Name}: aws_lb_listener.{name}";
            switch (listener["protocol"]?.ToString())
            {
                case "HTTPS":
                    problems.AddRange(SslPolicyProblems(module, where, listener["ssl_policy"]?.ToString()));
                    break;
                case "HTTP":
                    var action = TerraformModule.Blocks(listener["default_action"]).SingleOrDefault();
                    var redirect = TerraformModule.Blocks(action?["redirect"]).SingleOrDefault();
                    if (action?["type"]?.ToString() != "redirect" || redirect?["protocol"]?.ToString() != "HTTPS"
                        || redirect["status_code"]?.ToString() != "HTTP_301" || redirect["port"]?.ToString() != "443")
                    {
                        problems.Add($"{where} serves HTTP instead of redirecting to HTTPS on 443 with 301");
                    }
                    break;
                default:
                    problems.Add($"{where} has protocol {listener["protocol"]}");
                    break;
            }
        }
        return problems;
    }

    /// <summary>Load balancers drop invalid header fields.</summary>
    public static IReadOnlyList<string> LoadBalancerProblems(TerraformModule module) =>
        module.Resources("aws_lb")
            .Where(lb => !TerraformModule.IsTrue(lb.Value["drop_invalid_header_fields"]))
            .Select(lb => $"{module.Name}: aws_lb.{lb.Key} does not drop invalid header fields")
            .ToList();

    /// <summary>
    /// Public access to the function (a function URL with authorization NONE, a permission for principal "*")
    /// exists only in function-URL mode: its count is <c>local.function_url ? 1 : 0</c>, and the local means
    /// endpoint_type == "function_url".
    /// </summary>
    public static IReadOnlyList<string> PublicAccessOutsideFunctionUrlMode(TerraformModule module)
    {
        var problems = new List<string>();
        var publicResources = module.Resources("aws_lambda_function_url")
            .Where(url => url.Value["authorization_type"]?.ToString() == "NONE")
            .Select(url => ("aws_lambda_function_url", url.Key, url.Value))
            .Concat(module.Resources("aws_lambda_permission")
                .Where(permission => permission.Value["principal"]?.ToString() == "*")
                .Select(permission => ("aws_lambda_permission", permission.Key, permission.Value)));

        foreach (var (type, name, body) in publicResources)
        {
            if (body["count"]?.ToString() != "${local.function_url ? 1 : 0}")
            {
                problems.Add($"{module.Name}: {type}.{name} is public but not limited to function-URL mode");
            }
            if (type == "aws_lambda_permission" && body["function_url_auth_type"]?.ToString() != "NONE" && !TerraformModule.IsTrue(body["invoked_via_function_url"]))
            {
                problems.Add($"{module.Name}: {type}.{name} lets anyone invoke the function other than through its URL");
            }
        }

        if (problems.Count == 0 && publicResources.Any()
            && module.Locals.GetValueOrDefault("function_url")?.ToString() != "${var.endpoint_type == \"function_url\"}")
        {
            problems.Add($"{module.Name}: local.function_url does not mean endpoint_type == \"function_url\"");
        }
        return problems;
    }

    private static IEnumerable<string> SslPolicyProblems(TerraformModule module, string where, string? policy)
    {
        if (policy is null)
        {
            yield return $"{where} has no ssl_policy (AWS would use ELBSecurityPolicy-2016-08)";
            yield break;
        }
        if (VariableReference().Match(policy) is not { Success: true } reference)
        {
            if (!IsAcceptedTlsPolicy(policy)) yield return $"{where} uses {policy}";
            yield break;
        }

        var variable = module.Variables[reference.Groups["name"].Value];
        var fallback = variable["default"]?.ToString();
        if (fallback is null || !IsAcceptedTlsPolicy(fallback)) yield return $"{where} defaults to {fallback ?? "nothing"}";

        var validation = TerraformModule.Blocks(variable["validation"]).Select(v => v["condition"]?.ToString() ?? string.Empty).ToList();
        var named = validation.SelectMany(condition => PolicyName().Matches(condition).Select(m => m.Value)).ToList();
        if (named.Count == 0) yield return $"{where}: the policy variable is not validated against a list of policies";
        foreach (var name in named.Where(n => !IsAcceptedTlsPolicy(n))) yield return $"{where}: the policy variable accepts {name}";
    }

    [GeneratedRegex(@"^ELBSecurityPolicy-TLS13-1-[23]-(Res-)?(FIPS-)?(PQ-)?20[0-9]{2}-[0-9]{2}\z")]
    private static partial Regex AcceptedTlsPolicy();

    [GeneratedRegex(@"ELBSecurityPolicy-[A-Za-z0-9-]+")]
    private static partial Regex PolicyName();

    [GeneratedRegex(@"^\$\{var\.(?<name>[a-z0-9_]+)\}$")]
    private static partial Regex VariableReference();
}
