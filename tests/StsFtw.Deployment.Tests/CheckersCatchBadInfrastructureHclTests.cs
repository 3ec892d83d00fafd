using StsFtw.Deployment.Tests.Hcl;
using StsFtw.Deployment.Tests.Rules;

namespace StsFtw.Deployment.Tests;

/// <summary>
/// The infrastructure half of <see cref="CheckersCatchBadHclTests"/>: TLS and load balancer, function URL, table,
/// topic and key settings, runtime and logs, variables, module wiring and the parser itself.
/// </summary>
public sealed class CheckersCatchBadInfrastructureHclTests
{
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
