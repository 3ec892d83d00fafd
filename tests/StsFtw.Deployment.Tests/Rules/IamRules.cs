using System.Text.Json.Nodes;
using StsFtw.Deployment.Tests.Hcl;

namespace StsFtw.Deployment.Tests.Rules;

/// <summary>Least-privilege rules over every <c>aws_iam_policy_document</c> (role policies, trust policies, the key policy).</summary>
public static class IamRules
{
    /// <summary>
    /// The DynamoDB calls the request path makes (DynamoDbAuthStore: GetEntriesAsync, TryAcceptTimeStepAsync, RecordFailureAsync),
    /// and the enrollment routes (DynamoDbInvitationStore: GetAsync, TryStorePendingAsync, TryActivateAsync): nothing beyond them.
    /// </summary>
    public static readonly IReadOnlySet<string> RequestPathDynamoDbActions =
        new HashSet<string>(StringComparer.Ordinal) { "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem" };

    /// <summary>KmsSecretProtector's encryption context keys.</summary>
    public static readonly IReadOnlySet<string> TotpContextKeys = new HashSet<string>(StringComparer.Ordinal) { "issuer", "account_name" };

    /// <summary>Statements that grant every action ("*"), or use NotAction / NotResource (which grant by exclusion).</summary>
    public static IReadOnlyList<string> WildcardActions(TerraformModule module) =>
        PolicyStatement.AllIn(module).SelectMany(statement =>
                statement.Actions.Where(action => action is "*" or "*:*").Select(action => $"{statement.Where} allows action {action}")
                    .Concat(statement.NotActions.Count > 0 ? [$"{statement.Where} uses not_actions"] : [])
                    .Concat(statement.NotResources.Count > 0 ? [$"{statement.Where} uses not_resources"] : []))
            .ToList();

    /// <summary>
    /// STS permissions must name roles: no resource "*", no "every role" pattern, no wildcard account, and in a
    /// trust policy no principal "*".
    /// </summary>
    public static IReadOnlyList<string> UnboundedSts(TerraformModule module) =>
        PolicyStatement.AllIn(module)
            .Where(statement => statement.Effect == "Allow" && statement.HasActionOf("sts"))
            .SelectMany(statement => statement.Principals.Count > 0
                ? statement.Principals.SelectMany(p => p.Identifiers).Where(id => id == "*").Select(_ => $"{statement.Where} trusts principal *")
                : statement.Resources.Count == 0
                    ? [$"{statement.Where} has no resources"]
                    : statement.Resources.Where(IsUnboundedRoleResource).Select(r => $"{statement.Where} allows STS on {r}"))
            .ToList();

    /// <summary>DynamoDB actions beyond the request path's, or on anything but the auth table.</summary>
    public static IReadOnlyList<string> DynamoDbBeyondRequestPath(TerraformModule module) =>
        PolicyStatement.AllIn(module)
            .Where(statement => statement.Effect == "Allow" && statement.Principals.Count == 0 && statement.HasActionOf("dynamodb"))
            .SelectMany(statement =>
                statement.Actions.Where(action => !RequestPathDynamoDbActions.Contains(action)).Select(action => $"{statement.Where} allows {action}")
                    .Concat(statement.Resources.Where(r => r != "${var.table_arn}").Select(r => $"{statement.Where} allows DynamoDB on {r}")))
            .ToList();

    /// <summary>
    /// kms:Decrypt / kms:Encrypt not narrowed by kms:ViaService, nor to one SNS topic's data keys
    /// (kms:EncryptionContext:aws:sns:topicArn), must require exactly the TOTP encryption context:
    /// ForAllValues:StringEquals on kms:EncryptionContextKeys with issuer and account_name, and both keys present
    /// (ForAllValues alone passes a request with no context at all).
    /// </summary>
    public static IReadOnlyList<string> KmsCryptoWithoutTotpContext(TerraformModule module) =>
        PolicyStatement.AllIn(module)
            .Where(statement => statement.Effect == "Allow"
                && statement.Actions.Any(a => a is "kms:Decrypt" or "kms:Encrypt" or "kms:*" or "*")
                && statement.Condition("StringEquals", "kms:ViaService") is null
                && statement.Condition("StringEquals", "kms:EncryptionContext:aws:sns:topicArn") is not [_])
            .SelectMany(ContextProblems)
            .ToList();

    /// <summary>A statement that allows every principal ("*") must be held to this account and one service.</summary>
    public static IReadOnlyList<string> EveryonePrincipalUnguarded(TerraformModule module) =>
        PolicyStatement.AllIn(module)
            .Where(statement => statement.Effect == "Allow" && statement.Principals.Any(p => p.Identifiers.Contains("*")))
            .Where(statement => statement.Condition("StringEquals", "kms:CallerAccount") is null
                || statement.Condition("StringEquals", "kms:ViaService") is null)
            .Select(statement => $"{statement.Where} is open to principal * without kms:CallerAccount and kms:ViaService")
            .ToList();

    /// <summary>
    /// Every SNS topic carries a topic policy that denies sns:Publish on it to every principal except one named role
    /// (ArnNotEquals on aws:PrincipalArn), or to every principal that is not an AWS service (the alerts topic, which
    /// only CloudWatch and EventBridge publish to): an IAM grant of sns:Publish elsewhere in the account cannot
    /// forge a message.
    /// </summary>
    public static IReadOnlyList<string> ForgeableTopics(TerraformModule module)
    {
        var problems = new List<string>();
        var statements = PolicyStatement.AllIn(module).ToList();
        foreach (var topic in module.Resources("aws_sns_topic").Keys)
        {
            var where = $"{module.Name}: aws_sns_topic.{topic}";
            var topicArn = $"${{aws_sns_topic.{topic}.arn}}";
            var policy = module.Resources("aws_sns_topic_policy").Values.FirstOrDefault(p => p["arn"]?.ToString() == topicArn);
            if (policy is null)
            {
                problems.Add($"{where} has no aws_sns_topic_policy");
                continue;
            }
            var guard = statements.FirstOrDefault(s =>
                $"${{data.aws_iam_policy_document.{s.Document}.json}}" == policy["policy"]?.ToString()
                && s.Effect == "Deny"
                && s.Actions.Contains("sns:Publish")
                && s.Resources.SequenceEqual([topicArn])
                && s.Principals.Any(p => p.Type == "AWS" && p.Identifiers.SequenceEqual(["*"])));
            if (guard is null)
            {
                problems.Add($"{where}: its policy does not deny sns:Publish to every principal");
            }
            else if (guard.Condition("Bool", "aws:PrincipalIsAWSService") is ["false"] && guard.Conditions.Count == 1)
            {
                continue;
            }
            else if (guard.Condition("ArnNotEquals", "aws:PrincipalArn") is not [var publisher] || publisher.Contains('*', StringComparison.Ordinal))
            {
                problems.Add($"{guard.Where} must except exactly one publisher, named without wildcards (ArnNotEquals aws:PrincipalArn), or only AWS services");
            }
        }
        return problems;
    }

    /// <summary>AWS managed policies (arn:aws:iam::aws:policy/...) attached anywhere, and policy attachments at all.</summary>
    public static IReadOnlyList<string> ManagedPolicies(TerraformModule module) =>
        module.AllResources
            .Where(resource => resource.Type.EndsWith("_policy_attachment", StringComparison.Ordinal)
                || resource.Type == "aws_iam_policy_attachment"
                || StringsIn(resource.Body).Any(text => text.Contains(":iam::aws:policy/", StringComparison.Ordinal)))
            .Select(resource => $"{module.Name}: {resource.Type}.{resource.Name} attaches a managed policy")
            .ToList();

    private static IEnumerable<string> ContextProblems(PolicyStatement statement)
    {
        var keys = statement.Condition("ForAllValues:StringEquals", "kms:EncryptionContextKeys");
        if (keys is null || !keys.ToHashSet(StringComparer.Ordinal).SetEquals(TotpContextKeys))
        {
            yield return $"{statement.Where} does not limit kms:EncryptionContextKeys to issuer and account_name";
        }
        foreach (var key in TotpContextKeys)
        {
            if (statement.Condition("Null", $"kms:EncryptionContext:{key}") is not ["false"])
            {
                yield return $"{statement.Where} does not require the encryption context key {key}";
            }
        }
    }

    private static bool IsUnboundedRoleResource(string resource) =>
        resource == "*"
        || resource.EndsWith(":role/*", StringComparison.Ordinal)
        || resource.Contains(":iam::*:", StringComparison.Ordinal)
        || resource.StartsWith("arn:*", StringComparison.Ordinal);

    private static IEnumerable<string> StringsIn(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(entry => StringsIn(entry.Value)),
        JsonArray a => a.SelectMany(StringsIn),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
