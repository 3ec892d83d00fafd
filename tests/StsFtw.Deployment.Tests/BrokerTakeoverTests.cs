using StsFtw.Deployment.Tests.Hcl;
using StsFtw.Deployment.Tests.Rules;

namespace StsFtw.Deployment.Tests;

/// <summary>
/// SECURITY.md rule 9 (finding 1): a role the broker mints sessions for cannot change the broker. The guard policy,
/// the table's resource policy and the key policy, as written in terraform/ (the provider's plan of them is checked
/// by <see cref="TerraformProviderTests"/>).
/// </summary>
[Collection(TerraformCollection.Name)]
public sealed class BrokerTakeoverTests(TerraformTree terraform)
{
    private TerraformModule Guard => terraform.Modules["brokered_role_guard"];

    [Fact]
    public void BrokeredRoleCannotChangeTheBroker() =>
        Assert.Empty(GuardRules.GuardProblems(Guard));

    [Fact]
    public void GuardIsGivenEveryResourceItProtects()
    {
        var call = terraform.Root.ModuleCalls["brokered_role_guard"];

        Assert.Equal("${module.broker_function.function_arn}", call["function_arn"]?.ToString());
        Assert.Equal("${module.broker_function.role_arn}", call["broker_role_arn"]?.ToString());
        Assert.Equal("${module.broker_function.log_group_arn}", call["log_group_arn"]?.ToString());
        Assert.Equal("${module.auth_table.table_arn}", call["table_arn"]?.ToString());
        Assert.Equal("${module.key.key_arn}", call["key_arn"]?.ToString());
        Assert.Equal("${values(module.alerts.alarm_arns)}", call["alarm_arns"]?.ToString());
        Assert.Equal("${module.endpoint.guarded_arns}", call["endpoint_arns"]?.ToString());
    }

    [Fact]
    public void BrokeredRoleCannotUnsubscribeOrEditTheTopics()
    {
        var topics = PolicyStatement.AllIn(Guard).Single(s => s.Sid == "DenyTouchingTheTopics");

        Assert.Equal(["sns:*"], topics.Actions);
        Assert.Contains("${concat(var.topic_arns, [for topic in var.topic_arns : \"${topic}:*\"])}", topics.Resources);
        Assert.Equal(
            ["${module.audit_topic.topic_arn}", "${module.alerts.topic_arn}"],
            terraform.Root.Strings(terraform.Root.ModuleCalls["brokered_role_guard"]["topic_arns"]));
    }

    [Fact]
    public void BrokeredRoleCannotDetachTheGuard()
    {
        var detach = PolicyStatement.AllIn(Guard).Single(s => s.Sid == "DenyDetachingThisGuard");

        Assert.Contains("iam:DetachRolePolicy", detach.Actions);
        Assert.Equal(["${local.policy_arn}"], detach.Condition("ArnEquals", "iam:PolicyARN"));
    }

    [Fact]
    public void GuardIsAManagedPolicyTheRootOutputs()
    {
        Assert.Equal("${data.aws_iam_policy_document.guard.json}", Guard.Resources("aws_iam_policy")["guard"]["policy"]?.ToString());
        Assert.Equal("${module.brokered_role_guard.policy_arn}", terraform.Root.Outputs["brokered_role_guard_policy_arn"]["value"]?.ToString());
    }

    [Fact]
    public void BrokeredRoleCannotRedeemOrForgeAnEnrollmentThroughAws()
    {
        // The enrollment routes' calls (docs/INVITATIONS.md): a brokered session making them directly could store
        // its own pending secret, activate it, or encrypt a secret of its choosing under an account's context.
        var statements = PolicyStatement.AllIn(Guard).ToList();

        Assert.All(
            new[] { "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem" },
            action => Assert.True(GuardRules.Denies(statements, "${var.table_arn}", action), $"the guard must deny {action} on the table"));
        Assert.All(
            new[] { "kms:Encrypt", "kms:Decrypt" },
            action => Assert.True(GuardRules.Denies(statements, "${var.key_arn}", action), $"the guard must deny {action} on the key"));
    }

    [Fact]
    public void TableEntriesAreWritableOnlyByTheBrokerAndAdministrators()
    {
        var table = terraform.Modules["auth_table"];
        var entries = PolicyStatement.AllIn(table).Single(s => s.Sid == "OnlyTheBrokerAndAdministratorsTouchEntries");
        var settings = PolicyStatement.AllIn(table).Single(s => s.Sid == "OnlyAdministratorsChangeTheTable");

        Assert.Equal("Deny", entries.Effect);
        Assert.Contains("dynamodb:PutItem", entries.Actions);
        Assert.Contains("dynamodb:UpdateItem", entries.Actions);
        Assert.Contains("dynamodb:DeleteItem", entries.Actions);
        Assert.Equal(["${concat([var.broker_role_arn], local.administrators)}"], entries.Condition("ArnNotEquals", "aws:PrincipalArn"));
        var administrators = Assert.Single(settings.Condition("ArnNotEquals", "aws:PrincipalArn")!);
        Assert.Contains(":root\"], var.administrator_arns)", administrators, StringComparison.Ordinal);
        Assert.DoesNotContain("broker", administrators, StringComparison.Ordinal);
        Assert.Contains("dynamodb:PutResourcePolicy", settings.Actions);
        Assert.Equal("${data.aws_iam_policy_document.table.json}", table.Resources("aws_dynamodb_resource_policy")["auth"]["policy"]?.ToString());
    }

    [Fact]
    public void KeyPolicyCannotBeRewrittenThroughAnIamGrant()
    {
        var key = terraform.Modules["key"];
        var deny = PolicyStatement.AllIn(key).Single(s => s.Sid == "OnlyNamedAdministratorsChangeTheKey");

        Assert.Equal("Deny", deny.Effect);
        Assert.Equal(["*"], deny.Principals.Single().Identifiers);
        Assert.Contains("kms:PutKeyPolicy", deny.Actions);
        Assert.Contains("kms:ScheduleKeyDeletion", deny.Actions);
        Assert.Equal(["${concat([local.account_root], var.key_administrator_arns)}"], deny.Condition("ArnNotEquals", "aws:PrincipalArn"));
        Assert.Equal("${local.administrator_arns}", terraform.Root.ModuleCalls["key"]["key_administrator_arns"]?.ToString());
    }

    [Fact]
    public void TheDeployerStaysAnAdministratorSoTheNextApplyWorks() =>
        Assert.Contains(
            "data.aws_iam_session_context.deployer.issuer_arn",
            terraform.Root.Locals["administrator_arns"]?.ToString(),
            StringComparison.Ordinal);
}
