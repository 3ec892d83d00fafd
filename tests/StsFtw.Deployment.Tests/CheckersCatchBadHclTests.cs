using StsFtw.Deployment.Tests.Hcl;
using StsFtw.Deployment.Tests.Rules;

namespace StsFtw.Deployment.Tests;

/// <summary>
/// The rules the other tests apply to terraform/ can fail: each is given deliberately bad HCL, converted by the
/// same parser, and must name the fault. This half covers the policies (IAM, key, topics, the guard);
/// <see cref="CheckersCatchBadInfrastructureHclTests"/> the rest.
/// </summary>
public sealed class CheckersCatchBadHclTests
{
    [Fact]
    public async Task StsOnEveryRoleIsCaught()
    {
        var module = await ModuleFrom("""
            data "aws_iam_policy_document" "broker" {
              statement {
                sid       = "Anything"
                actions   = ["sts:AssumeRole"]
                resources = ["*"]
              }
              statement {
                sid       = "EveryRoleOfTheAccount"
                actions   = ["sts:TagSession"]
                resources = ["arn:aws:iam::123456789012:role/*"]
              }
            }
            data "aws_iam_policy_document" "trust" {
              statement {
                sid     = "Everyone"
                actions = ["sts:AssumeRole"]
                principals {
                  type        = "AWS"
                  identifiers = ["*"]
                }
              }
            }
            """);

        var problems = IamRules.UnboundedSts(module);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("\"Anything\" allows STS on *", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("role/*", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("trusts principal *", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WildcardActionsAndNotActionsAreCaught()
    {
        var module = await ModuleFrom("""
            locals {
              everything = ["*"]
            }
            data "aws_iam_policy_document" "p" {
              statement {
                sid       = "ThroughALocal"
                actions   = local.everything
                resources = ["arn:aws:s3:::bucket"]
              }
              statement {
                sid         = "ByExclusion"
                not_actions = ["iam:*"]
                resources   = ["*"]
              }
            }
            """);

        var problems = IamRules.WildcardActions(module);

        Assert.Contains(problems, p => p.Contains("\"ThroughALocal\" allows action *", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"ByExclusion\" uses not_actions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DynamoDbActionsBeyondTheRequestPathAreCaught()
    {
        var module = await ModuleFrom("""
            data "aws_iam_policy_document" "broker" {
              statement {
                actions   = ["dynamodb:GetItem", "dynamodb:Scan"]
                resources = [var.table_arn, "${var.table_arn}/index/*"]
              }
            }
            """);

        var problems = IamRules.DynamoDbBeyondRequestPath(module);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.EndsWith("allows dynamodb:Scan", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("/index/*", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DecryptWithoutTheFullEncryptionContextGuardIsCaught()
    {
        var module = await ModuleFrom("""
            data "aws_iam_policy_document" "key" {
              statement {
                sid       = "NoContextAtAll"
                actions   = ["kms:Decrypt"]
                resources = ["*"]
              }
              statement {
                sid       = "ForAllValuesAlonePassesAnEmptyContext"
                actions   = ["kms:Decrypt"]
                resources = ["*"]
                condition {
                  test     = "ForAllValues:StringEquals"
                  variable = "kms:EncryptionContextKeys"
                  values   = ["issuer", "account_name"]
                }
              }
              statement {
                sid       = "ThroughSnsIsAnotherMatter"
                actions   = ["kms:Decrypt"]
                resources = ["*"]
                condition {
                  test     = "StringEquals"
                  variable = "kms:ViaService"
                  values   = ["sns.us-east-1.amazonaws.com"]
                }
              }
            }
            """);

        var problems = IamRules.KmsCryptoWithoutTotpContext(module);

        Assert.Contains(problems, p => p.Contains("\"NoContextAtAll\" does not limit kms:EncryptionContextKeys", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"ForAllValuesAlonePassesAnEmptyContext\" does not require the encryption context key issuer", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("ThroughSns", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EncryptWithoutTheTotpContextIsCaught()
    {
        var module = await ModuleFrom("""
            data "aws_iam_policy_document" "broker" {
              statement {
                sid       = "EncryptAnything"
                actions   = ["kms:Encrypt"]
                resources = ["arn:aws:kms:us-east-1:123456789012:key/k"]
              }
              statement {
                sid       = "EncryptWithAnEmptyContext"
                actions   = ["kms:Encrypt"]
                resources = ["arn:aws:kms:us-east-1:123456789012:key/k"]
                condition {
                  test     = "ForAllValues:StringEquals"
                  variable = "kms:EncryptionContextKeys"
                  values   = ["issuer", "account_name"]
                }
                condition {
                  test     = "Null"
                  variable = "kms:EncryptionContext:issuer"
                  values   = ["false"]
                }
              }
            }
            """);

        var problems = IamRules.KmsCryptoWithoutTotpContext(module);

        Assert.Contains(problems, p => p.Contains("\"EncryptAnything\" does not limit kms:EncryptionContextKeys", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"EncryptWithAnEmptyContext\" does not require the encryption context key account_name", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("EncryptWithAnEmptyContext\" does not require the encryption context key issuer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyUseByEveryoneWithoutAccountAndServiceIsCaught()
    {
        var module = await ModuleFrom("""
            data "aws_iam_policy_document" "key" {
              statement {
                sid       = "OnlyTheService"
                actions   = ["kms:Decrypt"]
                resources = ["*"]
                principals {
                  type        = "AWS"
                  identifiers = ["*"]
                }
                condition {
                  test     = "StringEquals"
                  variable = "kms:ViaService"
                  values   = ["dynamodb.us-east-1.amazonaws.com"]
                }
              }
            }
            """);

        Assert.Single(IamRules.EveryonePrincipalUnguarded(module));
    }

    [Fact]
    public async Task TopicsAnyoneInTheAccountCouldPublishToAreCaught()
    {
        var module = await ModuleFrom("""
            resource "aws_sns_topic" "unguarded" {
              name = "no-policy"
            }
            resource "aws_sns_topic" "allowing" {
              name = "allow-instead-of-deny"
            }
            resource "aws_sns_topic_policy" "allowing" {
              arn    = aws_sns_topic.allowing.arn
              policy = data.aws_iam_policy_document.allowing.json
            }
            data "aws_iam_policy_document" "allowing" {
              statement {
                sid       = "AllowTheBroker"
                actions   = ["sns:Publish"]
                resources = [aws_sns_topic.allowing.arn]
                principals {
                  type        = "AWS"
                  identifiers = ["arn:aws:iam::123456789012:role/broker"]
                }
              }
            }
            resource "aws_sns_topic" "wildcard" {
              name = "excepts-a-pattern"
            }
            resource "aws_sns_topic_policy" "wildcard" {
              arn    = aws_sns_topic.wildcard.arn
              policy = data.aws_iam_policy_document.wildcard.json
            }
            data "aws_iam_policy_document" "wildcard" {
              statement {
                sid       = "ExceptEveryRole"
                effect    = "Deny"
                actions   = ["sns:Publish"]
                resources = [aws_sns_topic.wildcard.arn]
                principals {
                  type        = "AWS"
                  identifiers = ["*"]
                }
                condition {
                  test     = "ArnNotLike"
                  variable = "aws:PrincipalArn"
                  values   = ["arn:aws:iam::123456789012:role/*"]
                }
              }
            }
            """);

        var problems = IamRules.ForgeableTopics(module);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("aws_sns_topic.unguarded has no aws_sns_topic_policy", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("aws_sns_topic.allowing: its policy does not deny sns:Publish", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"ExceptEveryRole\" must except exactly one publisher", StringComparison.Ordinal));
        Assert.Empty(IamRules.EveryonePrincipalUnguarded(module));
    }

    [Fact]
    public async Task AlertsTopicGuardThatLetsIamPrincipalsPublishIsCaught()
    {
        var module = await ModuleFrom("""
            resource "aws_sns_topic" "alerts" {
              name = "alerts"
            }
            resource "aws_sns_topic_policy" "alerts" {
              arn    = aws_sns_topic.alerts.arn
              policy = data.aws_iam_policy_document.alerts.json
            }
            data "aws_iam_policy_document" "alerts" {
              statement {
                sid       = "DeniesOnlyServices"
                effect    = "Deny"
                actions   = ["sns:Publish"]
                resources = [aws_sns_topic.alerts.arn]
                principals {
                  type        = "AWS"
                  identifiers = ["*"]
                }
                condition {
                  test     = "Bool"
                  variable = "aws:PrincipalIsAWSService"
                  values   = ["true"]
                }
              }
            }
            """);

        Assert.Contains(IamRules.ForgeableTopics(module), p => p.Contains("\"DeniesOnlyServices\" must except exactly one publisher", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DecryptForMoreThanOneTopicsDataKeysIsCaught()
    {
        var module = await ModuleFrom("""
            data "aws_iam_policy_document" "key" {
              statement {
                sid       = "OneTopic"
                actions   = ["kms:Decrypt"]
                resources = ["*"]
                condition {
                  test     = "StringEquals"
                  variable = "kms:EncryptionContext:aws:sns:topicArn"
                  values   = ["arn:aws:sns:us-east-1:123456789012:alerts"]
                }
              }
              statement {
                sid       = "TwoTopics"
                actions   = ["kms:Decrypt"]
                resources = ["*"]
                condition {
                  test     = "StringEquals"
                  variable = "kms:EncryptionContext:aws:sns:topicArn"
                  values   = ["arn:aws:sns:us-east-1:123456789012:alerts", "arn:aws:sns:us-east-1:123456789012:other"]
                }
              }
            }
            """);

        var problems = IamRules.KmsCryptoWithoutTotpContext(module);

        Assert.Contains(problems, p => p.Contains("\"TwoTopics\"", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("\"OneTopic\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GuardThatAllowsOrMissesABrokerResourceIsCaught()
    {
        var module = await ModuleFrom("""
            data "aws_iam_policy_document" "guard" {
              statement {
                sid       = "AllowInsteadOfDeny"
                effect    = "Allow"
                actions   = ["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:AddPermission"]
                resources = [var.function_arn]
              }
              statement {
                sid       = "KeyPolicyLeftOpen"
                effect    = "Deny"
                actions   = ["kms:Decrypt"]
                resources = [var.key_arn]
              }
            }
            """, "brokered_role_guard");

        var problems = GuardRules.GuardProblems(module);

        Assert.Contains(problems, p => p.Contains("\"AllowInsteadOfDeny\" is not a Deny", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("nothing denies lambda:UpdateFunctionCode on ${var.function_arn}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("nothing denies kms:* on ${var.key_arn}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("nothing denies dynamodb:* on ${var.table_arn}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManagedAdministratorPolicyIsCaught()
    {
        var module = await ModuleFrom("""
            resource "aws_iam_role_policy_attachment" "admin" {
              role       = aws_iam_role.broker.name
              policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
            }
            resource "aws_iam_role" "inline_list" {
              name                = "x"
              assume_role_policy  = "{}"
              managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]
            }
            """);

        Assert.Equal(2, IamRules.ManagedPolicies(module).Count);
    }

    private static async Task<TerraformModule> ModuleFrom(string hcl, string name = "fixture") =>
        new(name, [await Hcl2Json.ConvertTextAsync(hcl, CancellationToken.None)]);
}
