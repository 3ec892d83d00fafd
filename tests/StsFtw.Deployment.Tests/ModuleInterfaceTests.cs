using StsFtw.Deployment.Tests.Hcl;
using StsFtw.Deployment.Tests.Rules;

namespace StsFtw.Deployment.Tests;

/// <summary>Variables, module calls, outputs, providers and the example files.</summary>
[Collection(TerraformCollection.Name)]
public sealed class ModuleInterfaceTests(TerraformTree terraform)
{
    [Fact]
    public void TheSevenModulesAreThere() =>
        Assert.Equal(
            ["alerts", "audit_topic", "auth_table", "broker_function", "brokered_role_guard", "endpoint", "key"],
            terraform.Modules.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void EveryVariableHasADescription() =>
        Assert.Empty(terraform.AllModules.SelectMany(InterfaceRules.UndescribedVariables));

    [Fact]
    public void SensitiveAndSecurityRelevantVariablesAreValidated()
    {
        Assert.Empty(terraform.AllModules.SelectMany(module => InterfaceRules.UnvalidatedVariables(module, terraform.ModuleCalledBy)));
        Assert.True(TerraformModule.IsTrue(terraform.Root.Variables["admin_email"]["sensitive"]));
    }

    [Fact]
    public void EveryModuleInputIsWiredAndNothingUndeclaredIsPassed()
    {
        Assert.Equal(terraform.Modules.Count, terraform.Root.ModuleCalls.Count);
        Assert.Empty(InterfaceRules.UnwiredModuleInputs(terraform.Root, terraform.ModuleCalledBy));
    }

    [Fact]
    public void RootOutputsTheEndpointTheNamesTheArnsAndTheTrustPolicy()
    {
        string[] required =
        [
            "endpoint_url", "table_name", "table_arn", "topic_arn", "function_name", "function_role_arn", "key_arn",
            "target_role_trust_policy_json", "brokered_role_guard_policy_arn", "brokered_role_guard_policy_json", "alerts_topic_arn",
            "key_policy_json", "table_resource_policy_json",
        ];

        Assert.Empty(required.Except(terraform.Root.Outputs.Keys));
        Assert.All(terraform.AllModules.SelectMany(m => m.Outputs), output => Assert.False(string.IsNullOrWhiteSpace(output.Value["description"]?.ToString()), output.Key));
    }

    [Fact]
    public void TfvarsExampleSetsOnlyDeclaredVariablesAndEveryRequiredOne() =>
        Assert.Empty(InterfaceRules.TfvarsProblems(terraform.TfvarsExample, terraform.Root));

    [Fact]
    public void ProviderAndTerraformVersionsArePinned()
    {
        var settings = terraform.Root.TerraformBlocks.Single();
        var aws = TerraformModule.Blocks(settings["required_providers"]).Single()["aws"]!;

        Assert.Equal("hashicorp/aws", aws["source"]?.ToString());
        Assert.StartsWith("~> ", aws["version"]?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(">= 1.", settings["required_version"]?.ToString(), StringComparison.Ordinal);
        Assert.All(terraform.Modules.Values, module => Assert.Empty(module.Providers));
    }

    [Fact]
    public void StateBackendIsS3ConfiguredOnlyAtInit()
    {
        var backend = TerraformModule.Blocks(terraform.Root.TerraformBlocks.Single()["backend"]).Single();
        var s3 = TerraformModule.Blocks(backend["s3"]).Single();

        Assert.Empty(s3);
        Assert.Equal(["bucket", "encrypt", "key", "region", "use_lockfile"], terraform.BackendExample.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.True(TerraformModule.IsTrue(terraform.BackendExample["encrypt"]));
    }
}
