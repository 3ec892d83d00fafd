using System.Text.RegularExpressions;
using StsFtw.Deployment.Tests.Hcl;
using StsFtw.Deployment.Tests.Rules;

namespace StsFtw.Deployment.Tests;

/// <summary>The broker function: runtime, configuration, logs.</summary>
[Collection(TerraformCollection.Name)]
public sealed partial class BrokerFunctionTests(TerraformTree terraform)
{
    private TerraformModule Broker => terraform.Modules["broker_function"];

    [Fact]
    public void FunctionRunsTheNativeBootstrapOnProvidedAl2023OutsideAnyVpc()
    {
        Assert.Single(Broker.Resources("aws_lambda_function"));
        Assert.Empty(terraform.AllModules.SelectMany(FunctionRules.FunctionProblems));
    }

    [Fact]
    public void EnvironmentNamesAreExactlyTheOnesTheBackendReads()
    {
        var source = File.ReadAllText(RepositoryPaths.SettingNamesSource);
        var backend = SettingName().Matches(source).Select(m => m.Groups["name"].Value).Order(StringComparer.Ordinal).ToList();
        var function = Broker.Resources("aws_lambda_function")["broker"];
        var environment = TerraformModule.Blocks(function["environment"]).Single();
        var configured = Broker.Resolve(environment["variables"])!.AsObject().Select(v => v.Key).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(12, backend.Count);
        Assert.Equal(backend, configured);
    }

    [Fact]
    public void AllowedRoleArnsAreTheSamePatternAsTheIamPermission()
    {
        var environment = Broker.Resolve(TerraformModule.Blocks(Broker.Resources("aws_lambda_function")["broker"]["environment"]).Single()["variables"])!;
        var sts = PolicyStatement.AllIn(Broker).Where(s => s.Document == "broker" && s.HasActionOf("sts"));

        Assert.Equal("${var.assumable_role_arn_pattern}", environment["STS_ALLOWED_ROLE_ARNS"]?.ToString());
        Assert.All(sts, s => Assert.Equal([environment["STS_ALLOWED_ROLE_ARNS"]!.ToString()], s.Resources));
    }

    [Fact]
    public void RolePatternValidationRefusesEveryRoleAndQuestionMarks()
    {
        var condition = TerraformModule.Blocks(Broker.Variables["assumable_role_arn_pattern"]["validation"]).Single()["condition"]!.ToString();

        Assert.Contains("!endswith(var.assumable_role_arn_pattern, \":role/*\")", condition, StringComparison.Ordinal);
        Assert.Contains("strcontains(var.assumable_role_arn_pattern, \"?\")", condition, StringComparison.Ordinal);
        Assert.Contains("[0-9]{12}", condition, StringComparison.Ordinal);
    }

    [Fact]
    public void RolePatternWildcardOnlyAsTheLastCharacter()
    {
        var condition = TerraformModule.Blocks(Broker.Variables["assumable_role_arn_pattern"]["validation"]).Single()["condition"]!.ToString();

        // role/*/* and role/sts*/admin are refused: no '*' once the trailing one is trimmed (terraform test runs them).
        Assert.Contains("!strcontains(trimsuffix(var.assumable_role_arn_pattern, \"*\"), \"*\")", condition, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRolePatternIsTheStsftwPathInThisAccount() =>
        Assert.Contains(":role/stsftw/*", terraform.Root.Locals["assumable_role_arn_pattern"]?.ToString(), StringComparison.Ordinal);

    [Fact]
    public void LogGroupIsTheFunctionsOwnAndExpires()
    {
        var group = Broker.Resources("aws_cloudwatch_log_group")["broker"];

        Assert.Equal("/aws/lambda/${var.function_name}", Broker.Resolve(group["name"])?.ToString());
        Assert.Equal("${var.log_retention_days}", group["retention_in_days"]?.ToString());
        Assert.Empty(terraform.AllModules.SelectMany(FunctionRules.LogGroupProblems));
    }

    [Fact]
    public void ReservedConcurrencyIsUnreservedUnlessAsked() =>
        Assert.Equal(
            "${var.reserved_concurrency == null ? -1 : var.reserved_concurrency}",
            Broker.Resources("aws_lambda_function")["broker"]["reserved_concurrent_executions"]?.ToString());

    [GeneratedRegex(@"const string \w+ = ""(?<name>STS_[A-Z_]+)"";")]
    private static partial Regex SettingName();
}
