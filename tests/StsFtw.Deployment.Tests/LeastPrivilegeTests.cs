using StsFtw.Deployment.Tests.Hcl;
using StsFtw.Deployment.Tests.Rules;

namespace StsFtw.Deployment.Tests;

/// <summary>The broker's role, the key policy and the trust policy grant what the code needs and no more.</summary>
[Collection(TerraformCollection.Name)]
public sealed class LeastPrivilegeTests(TerraformTree terraform)
{
    private TerraformModule Broker => terraform.Modules["broker_function"];

    private TerraformModule Key => terraform.Modules["key"];

    [Fact]
    public void NoStatementAllowsEveryAction() =>
        Assert.Empty(terraform.AllModules.SelectMany(IamRules.WildcardActions));

    [Fact]
    public void StsPermissionsNeverReachEveryRole() =>
        Assert.Empty(terraform.AllModules.SelectMany(IamRules.UnboundedSts));

    [Fact]
    public void BrokerAssumesTagsAndSetsSourceIdentityOnlyOnTheRolePattern()
    {
        var sts = PolicyStatement.AllIn(Broker).Where(s => s.Document == "broker" && s.HasActionOf("sts")).ToList();

        Assert.Equal(
            ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
            sts.SelectMany(s => s.Actions).Order(StringComparer.Ordinal));
        Assert.All(sts, s => Assert.Equal(["${var.assumable_role_arn_pattern}"], s.Resources));
    }

    [Fact]
    public void SessionTagsAreLimitedToTheBrokersOwnKeys()
    {
        var tagSession = PolicyStatement.AllIn(Broker).Single(s => s.Document == "broker" && s.Actions.Contains("sts:TagSession"));

        Assert.Equal(
            ["stsftw:account", "stsftw:issuer", "stsftw:secondary"],
            tagSession.Condition("ForAllValues:StringEquals", "aws:TagKeys")!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BrokerGetsExactlyTheRequestPathsDynamoDbActionsOnTheTable()
    {
        var dynamo = PolicyStatement.AllIn(Broker).Where(s => s.HasActionOf("dynamodb")).ToList();

        Assert.Equal(IamRules.RequestPathDynamoDbActions.Order(StringComparer.Ordinal), dynamo.SelectMany(s => s.Actions).Order(StringComparer.Ordinal));
        Assert.Empty(terraform.AllModules.SelectMany(IamRules.DynamoDbBeyondRequestPath));
    }

    [Fact]
    public void BrokerPublishesOnlyToTheAuditTopic()
    {
        var sns = PolicyStatement.AllIn(Broker).Where(s => s.HasActionOf("sns")).ToList();

        Assert.Equal(["sns:Publish"], sns.SelectMany(s => s.Actions));
        Assert.Equal(["${var.topic_arn}"], sns.SelectMany(s => s.Resources));
    }

    [Fact]
    public void TotpSecretsDecryptOnlyWithTheirEncryptionContext()
    {
        Assert.Empty(terraform.AllModules.SelectMany(IamRules.KmsCryptoWithoutTotpContext));

        // Both sides say it: the key policy for the broker role, and the role's own policy.
        Assert.Contains(PolicyStatement.AllIn(Key), s => s.Sid == "BrokerDecryptsTotpSecrets" && s.Actions.SequenceEqual(["kms:Decrypt"]));
        Assert.Contains(PolicyStatement.AllIn(Broker), s => s.Sid == "DecryptTotpSecrets" && s.Resources.SequenceEqual(["${var.kms_key_arn}"]));
    }

    [Fact]
    public void BrokerEncryptsOnlyUnderTheTotpContext()
    {
        // Enrollment by invitation (docs/INVITATIONS.md): the broker encrypts the secret it generates, and only
        // under the context it decrypts with. Any kms:Encrypt without it is caught by the first line.
        Assert.Empty(terraform.AllModules.SelectMany(IamRules.KmsCryptoWithoutTotpContext));

        var key = PolicyStatement.AllIn(Key).Single(s => s.Sid == "BrokerEncryptsTotpSecrets");
        Assert.Equal(["kms:Encrypt"], key.Actions);
        Assert.Equal(["${var.broker_role_arn}"], key.Principals.SelectMany(p => p.Identifiers));
        var role = PolicyStatement.AllIn(Broker).Single(s => s.Sid == "EncryptTotpSecrets");
        Assert.Equal(["kms:Encrypt"], role.Actions);
        Assert.Equal(["${var.kms_key_arn}"], role.Resources);
    }

    [Fact]
    public void BrokerUsesTheKeyOutsideSnsOnlyToEncryptAndDecryptTotpSecrets()
    {
        var direct = PolicyStatement.AllIn(Broker).Concat(PolicyStatement.AllIn(Key))
            .Where(s => s.Document == "broker" || s.Principals.Any(p => p.Identifiers.Contains("${var.broker_role_arn}")))
            .Where(s => s.HasActionOf("kms") && s.Condition("StringEquals", "kms:ViaService") is null)
            .SelectMany(s => s.Actions).Distinct().Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["kms:Decrypt", "kms:Encrypt"], direct);
    }

    [Fact]
    public void AdminsMayOnlyEncryptTotpSecretsWithTheirEncryptionContext()
    {
        var admins = PolicyStatement.AllIn(Key).Single(s => s.Sid == "AdminsEncryptTotpSecrets");

        Assert.Equal(["kms:Encrypt"], admins.Actions);
        Assert.Equal(["${var.admin_principal_arns}"], admins.Principals.SelectMany(p => p.Identifiers));
    }

    [Fact]
    public void TheAccountRootAdministersTheKeyButCannotUseIt()
    {
        var root = PolicyStatement.AllIn(Key).Single(s => s.Sid == "AccountAdministersTheKey");
        string[] cryptographic = ["kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:*"];

        Assert.DoesNotContain(root.Actions, action => cryptographic.Any(c => action.StartsWith(c, StringComparison.Ordinal)));
        Assert.Contains("kms:PutKeyPolicy", root.Actions);
    }

    [Fact]
    public void KeyUseByAnyPrincipalIsHeldToThisAccountThroughDynamoDb() =>
        Assert.Empty(terraform.AllModules.SelectMany(IamRules.EveryonePrincipalUnguarded));

    [Fact]
    public void TheEncryptedTopicsKeyIsUsedOnlyThroughSns()
    {
        var sns = PolicyStatement.AllIn(Broker).Concat(PolicyStatement.AllIn(Key))
            .Where(s => s.Actions.Contains("kms:GenerateDataKey*"))
            .Where(s => s.Principals.All(p => p.Type == "AWS" && !p.Identifiers.Contains("*")))
            .ToList();

        Assert.Equal(2, sns.Count);
        Assert.All(sns, s => Assert.Equal(["sns.${data.aws_region.current.region}.amazonaws.com"], s.Condition("StringEquals", "kms:ViaService")));
    }

    [Fact]
    public void OnlyTheBrokerMayPublishAuditMessages()
    {
        Assert.Empty(terraform.AllModules.SelectMany(IamRules.ForgeableTopics));
        Assert.Single(terraform.Modules["audit_topic"].Resources("aws_sns_topic_policy"));
        Assert.Equal(["${var.publisher_role_arn}"],
            PolicyStatement.AllIn(terraform.Modules["audit_topic"]).Single(s => s.Sid == "OnlyTheBrokerPublishes").Condition("ArnNotEquals", "aws:PrincipalArn"));
        Assert.Equal("${module.broker_function.role_arn}", terraform.Root.ModuleCalls["audit_topic"]["publisher_role_arn"]?.ToString());
    }

    [Fact]
    public void BrokerWritesOnlyToItsOwnLogGroupAndCreatesNone()
    {
        var logs = PolicyStatement.AllIn(Broker).Where(s => s.HasActionOf("logs")).ToList();

        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], logs.SelectMany(s => s.Actions).Order(StringComparer.Ordinal));
        Assert.Equal(["${aws_cloudwatch_log_group.broker.arn}:*"], logs.SelectMany(s => s.Resources));
    }

    [Fact]
    public void BrokerHasNoNetworkInterfacePermissions() =>
        Assert.DoesNotContain(PolicyStatement.AllIn(Broker), s => s.HasActionOf("ec2"));

    [Fact]
    public void EveryActionTheBrokerRoleHasIsAccountedFor()
    {
        string[] expected =
        [
            "dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*",
            "logs:CreateLogStream", "logs:PutLogEvents", "sns:Publish", "sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession",
        ];

        var granted = PolicyStatement.AllIn(Broker).Where(s => s.Document == "broker").SelectMany(s => s.Actions).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(expected, granted);
    }

    [Fact]
    public void NoManagedPolicyIsAttached()
    {
        Assert.Empty(terraform.AllModules.SelectMany(IamRules.ManagedPolicies));
        Assert.Single(Broker.Resources("aws_iam_role_policy"));
    }

    [Fact]
    public void TargetRoleTrustPolicyLetsOnlyTheBrokerRoleMintSessions()
    {
        var trust = PolicyStatement.AllIn(Broker).Single(s => s.Document == "target_role_trust");

        Assert.Equal(["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"], trust.Actions.Order(StringComparer.Ordinal));
        var principal = Assert.Single(trust.Principals);
        Assert.Equal("AWS", principal.Type);
        Assert.Equal(["${aws_iam_role.broker.arn}"], principal.Identifiers);
        Assert.Equal("${data.aws_iam_policy_document.target_role_trust.json}", Broker.Outputs["target_role_trust_policy_json"]["value"]?.ToString());
        Assert.Equal("${module.broker_function.target_role_trust_policy_json}", terraform.Root.Outputs["target_role_trust_policy_json"]["value"]?.ToString());
    }
}
