using StsFtw.Deployment.Tests.Hcl;
using StsFtw.Deployment.Tests.Rules;

namespace StsFtw.Deployment.Tests;

/// <summary>
/// The rules the other tests apply to terraform/ can fail: each is given deliberately bad HCL, converted by the
/// same parser, and must name the fault.
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

    [Fact]
    public async Task OldTlsPolicyAndPlainHttpAreCaught()
    {
        var module = await ModuleFrom("""
            variable "ssl_policy" {
              description = "d"
              type        = string
              default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
              validation {
                condition     = contains(["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06"], var.ssl_policy)
                error_message = "e"
              }
            }
            resource "aws_lb_listener" "legacy" {
              protocol   = "HTTPS"
              ssl_policy = "ELBSecurityPolicy-2016-08"
            }
            resource "aws_lb_listener" "through_variable" {
              protocol   = "HTTPS"
              ssl_policy = var.ssl_policy
            }
            resource "aws_lb_listener" "unset" {
              protocol = "HTTPS"
            }
            resource "aws_lb_listener" "plain" {
              protocol = "HTTP"
              default_action {
                type = "forward"
              }
            }
            resource "aws_lb_listener" "temporary_redirect" {
              protocol = "HTTP"
              default_action {
                type = "redirect"
                redirect {
                  protocol    = "HTTPS"
                  port        = "443"
                  status_code = "HTTP_302"
                }
              }
            }
            """);

        var problems = EndpointRules.ListenerProblems(module);

        Assert.Contains(problems, p => p.Contains("legacy uses ELBSecurityPolicy-2016-08", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("through_variable: the policy variable accepts ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unset has no ssl_policy", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("plain serves HTTP", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("temporary_redirect serves HTTP", StringComparison.Ordinal));
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public async Task LoadBalancerPassingInvalidHeadersIsCaught()
    {
        var module = await ModuleFrom("""
            resource "aws_lb" "this" {
              load_balancer_type = "application"
            }
            """);

        Assert.Single(EndpointRules.LoadBalancerProblems(module));
    }

    [Fact]
    public async Task PublicFunctionUrlOutsideFunctionUrlModeIsCaught()
    {
        var module = await ModuleFrom("""
            locals {
              function_url = var.endpoint_type == "function_url"
            }
            resource "aws_lambda_function_url" "always" {
              function_name      = "f"
              authorization_type = "NONE"
            }
            resource "aws_lambda_permission" "anyone_any_way" {
              count         = local.function_url ? 1 : 0
              action        = "lambda:InvokeFunction"
              function_name = "f"
              principal     = "*"
            }
            """);

        var problems = EndpointRules.PublicAccessOutsideFunctionUrlMode(module);

        Assert.Contains(problems, p => p.Contains("aws_lambda_function_url.always is public but not limited", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("anyone_any_way lets anyone invoke the function other than through its URL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnprotectedUnencryptedOrRekeyedTableIsCaught()
    {
        var module = await ModuleFrom("""
            resource "aws_dynamodb_table" "auth" {
              name         = "t"
              billing_mode = "PROVISIONED"
              hash_key     = "issuer"
              range_key    = "account"
              attribute {
                name = "issuer"
                type = "S"
              }
              attribute {
                name = "account"
                type = "S"
              }
              point_in_time_recovery {
                enabled = false
              }
              ttl {
                attribute_name = "locked_until"
                enabled        = true
              }
            }
            """);

        var problems = StorageRules.TableProblems(module);

        Assert.Contains(problems, p => p.Contains("not keyed issuer (S) + account_name (S)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not PAY_PER_REQUEST", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no point-in-time recovery", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no deletion protection", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not encrypted with the project key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("has a TTL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnencryptedTopicAndUnrotatedKeyAreCaught()
    {
        var module = await ModuleFrom("""
            resource "aws_sns_topic" "audit" {
              name              = "a"
              kms_master_key_id = "alias/aws/sns"
            }
            resource "aws_kms_key" "k" {
              enable_key_rotation = false
            }
            """);

        Assert.Single(StorageRules.TopicProblems(module));
        Assert.Equal(2, StorageRules.KeyProblems(module).Count);
    }

    [Fact]
    public async Task WrongRuntimeVpcPlacementAndEndlessLogsAreCaught()
    {
        var module = await ModuleFrom("""
            resource "aws_lambda_function" "broker" {
              runtime = "go1.x"
              handler = "main"
              vpc_config {
                subnet_ids = ["subnet-1"]
              }
            }
            resource "aws_cloudwatch_log_group" "forever" {
              name = "/aws/lambda/broker"
            }
            """);

        Assert.Equal(4, FunctionRules.FunctionProblems(module).Count);
        Assert.Single(FunctionRules.LogGroupProblems(module));
    }

    [Fact]
    public async Task UndescribedAndUnvalidatedVariablesAreCaught()
    {
        var module = await ModuleFrom("""
            variable "undocumented" {
              type = string
            }
            variable "secret_thing" {
              description = "d"
              type        = string
              sensitive   = true
            }
            variable "lockout_failure_limit" {
              description = "d"
              type        = number
            }
            """);

        Assert.Equal(["fixture: variable undocumented has no description"], InterfaceRules.UndescribedVariables(module));
        Assert.Equal(
            ["fixture: variable lockout_failure_limit is not validated", "fixture: variable secret_thing is not validated"],
            InterfaceRules.UnvalidatedVariables(module, _ => throw new InvalidOperationException("no module calls")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OutputPastSixtyFourKibibytesArrivesWhole()
    {
        // node's stdout on a pipe is asynchronous: exiting before it drained cut the JSON at 65,536 bytes.
        var hcl = string.Concat(Enumerable.Range(0, 1500).Select(i => $"variable \"v{i}\" {{\n  description = \"{new string('d', 40)}\"\n}}\n"));

        var module = await ModuleFrom(hcl);

        Assert.Equal(1500, module.Variables.Count);
    }

    [Fact]
    public async Task UnwiredAndUndeclaredModuleInputsAreCaught()
    {
        var called = await ModuleFrom("""
            variable "table_name" {
              description = "d"
            }
            variable "kms_key_arn" {
              description = "d"
            }
            """, "auth_table");
        var caller = await ModuleFrom("""
            module "auth_table" {
              source     = "./modules/auth_table"
              table_name = "t"
              kms_key    = "k"
            }
            """, "root");

        var problems = InterfaceRules.UnwiredModuleInputs(caller, _ => called);

        Assert.Equal(
            ["module.auth_table does not pass kms_key_arn", "module.auth_table passes kms_key, which auth_table does not declare"],
            problems);
    }

    [Fact]
    public async Task TfvarsWithUndeclaredOrMissingSettingsAreCaught()
    {
        var root = await ModuleFrom("""
            variable "region" {
              description = "required"
            }
            variable "app_name" {
              description = "optional"
              default     = "stsftw"
            }
            """, "root");
        var tfvars = await Hcl2Json.ConvertTextAsync("""
            app_name = "x"
            regoin   = "us-east-1"
            """, CancellationToken.None);

        Assert.Equal(
            ["tfvars sets undeclared variable regoin", "tfvars leaves required variable region unset"],
            InterfaceRules.TfvarsProblems(tfvars, root));
    }

    [Fact]
    public async Task HclThatDoesNotParseFailsLoudly() =>
        await Assert.ThrowsAsync<HclParseException>(() => Hcl2Json.ConvertTextAsync("resource \"x\" \"y\" {", CancellationToken.None));

    private static async Task<TerraformModule> ModuleFrom(string hcl, string name = "fixture") =>
        new(name, [await Hcl2Json.ConvertTextAsync(hcl, CancellationToken.None)]);
}
