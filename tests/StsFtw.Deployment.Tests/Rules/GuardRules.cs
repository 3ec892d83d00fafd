using StsFtw.Deployment.Tests.Hcl;

namespace StsFtw.Deployment.Tests.Rules;

/// <summary>
/// The brokered-role guard (SECURITY.md rule 9): a policy whose every statement is a Deny, covering each StsFtw
/// resource a brokered session could otherwise use to change the broker.
/// </summary>
public static class GuardRules
{
    /// <summary>Each resource the guard names (as the module's variable reference) and the actions it must deny on it.</summary>
    public static readonly IReadOnlyList<(string Resource, string Action)> RequiredDenials =
    [
        ("${var.function_arn}", "lambda:UpdateFunctionCode"),
        ("${var.function_arn}", "lambda:UpdateFunctionConfiguration"),
        ("${var.function_arn}", "lambda:AddPermission"),
        ("${var.broker_role_arn}", "iam:PassRole"),
        ("${var.broker_role_arn}", "iam:PutRolePolicy"),
        ("${var.broker_role_arn}", "iam:AttachRolePolicy"),
        ("${var.log_group_arn}:*", "logs:DeleteLogGroup"),
        ("${var.log_group_arn}:*", "logs:PutLogEvents"),
        ("${var.table_arn}", "dynamodb:*"),
        ("${var.key_arn}", "kms:*"),
        ("${var.alarm_arns}", "cloudwatch:DisableAlarmActions"),
        ("${var.event_rule_arn}", "events:DisableRule"),
    ];

    /// <summary>Statements that are not Denies, and required denials the module's policy documents lack.</summary>
    public static IReadOnlyList<string> GuardProblems(TerraformModule module)
    {
        var statements = PolicyStatement.AllIn(module).ToList();
        return statements.Where(s => s.Effect != "Deny").Select(s => $"{s.Where} is not a Deny")
            .Concat(RequiredDenials.Where(d => !Denies(statements, d.Resource, d.Action)).Select(d => $"{module.Name}: nothing denies {d.Action} on {d.Resource}"))
            .ToList();
    }

    /// <summary>True when a Deny statement names <paramref name="resource"/> and <paramref name="action"/> (or its service's <c>*</c>).</summary>
    public static bool Denies(IEnumerable<PolicyStatement> statements, string resource, string action) =>
        statements.Any(s => s.Effect == "Deny"
            && s.Resources.Contains(resource)
            && (s.Actions.Contains(action) || s.Actions.Contains(action.Split(':')[0] + ":*")));
}
