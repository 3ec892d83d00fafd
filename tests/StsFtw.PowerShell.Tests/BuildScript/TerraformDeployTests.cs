using System.Text.Json;
using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.BuildScript;

/// <summary>
/// Deploy's two terraform commands run for real, against a root module that needs no provider (so nothing is
/// downloaded): the backend file reaches terraform init, the tfvars file and the zip's absolute path reach terraform
/// apply.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class TerraformDeployTests : IDisposable
{
    private const string RootModule = """
        terraform {
          backend "local" {}
        }

        variable "app_name" {
          type = string
        }

        variable "lambda_zip_path" {
          type = string
        }

        output "deployed" {
          value = "${var.app_name}:${var.lambda_zip_path}"
        }
        """;

    private readonly EnvironmentScope _environment = new(new Dictionary<string, string?> { ["CHECKPOINT_DISABLE"] = "1" });
    private readonly BuildScriptSession _session = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("stsftw-deploy").FullName;

    public void Dispose()
    {
        _session.Dispose();
        _environment.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void DeployInitialisesTheBackendFromTheFileAndAppliesTheVarFileAndTheZipPath()
    {
        var terraform = Directory.CreateDirectory(Path.Combine(_directory, "terraform")).FullName;
        File.WriteAllText(Path.Combine(terraform, "main.tf"), RootModule);
        var state = Path.Combine(_directory, "state", "terraform.tfstate");
        File.WriteAllText(Path.Combine(_directory, "backend.hcl"), $"path = {JsonSerializer.Serialize(state)}\n");
        File.WriteAllText(Path.Combine(_directory, "prod.tfvars"), "app_name = \"stsftw\"\n");
        var zip = Path.Combine(Directory.CreateDirectory(Path.Combine(_directory, "lambda out")).FullName, "bootstrap-linux-x64.zip");
        File.WriteAllBytes(zip, new byte[] { 0x50, 0x4b, 0x05, 0x06 });

        _session.Run("$ExecutionContext.SessionState.Path.SetLocation($directory) | Out-Null", new Dictionary<string, object?> { ["directory"] = _directory }).ThrowOnError();
        _session.CreateContext(extraArguments: "-VarFile prod.tfvars -BackendConfig ./backend.hcl -AutoApprove");
        var result = _session.Run("$context.TerraformFolder = $terraform; $context.LambdaZip = $zip; Invoke-DeployTask -Context $context",
            new Dictionary<string, object?> { ["terraform"] = terraform, ["zip"] = zip });

        // What terraform writes to stderr arrives as NativeCommandError records because the test captures it; anything else fails.
        Assert.All(result.Errors, e => Assert.StartsWith("NativeCommandError", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        using var written = JsonDocument.Parse(File.ReadAllText(state));
        Assert.Equal($"stsftw:{zip}", written.RootElement.GetProperty("outputs").GetProperty("deployed").GetProperty("value").GetString());
        Assert.Contains($"terraform -chdir={terraform} init -input=false -backend-config={Path.Combine(_directory, "backend.hcl")}", _session.Ui.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployWithoutTheZipStopsBeforeTerraformRuns()
    {
        var terraform = Directory.CreateDirectory(Path.Combine(_directory, "terraform")).FullName;
        File.WriteAllText(Path.Combine(terraform, "main.tf"), RootModule);
        File.WriteAllText(Path.Combine(_directory, "prod.tfvars"), "app_name = \"stsftw\"\n");
        var zip = Path.Combine(_directory, "missing.zip");

        _session.CreateContext(extraArguments: "-VarFile $var -AutoApprove", variables: new Dictionary<string, object?> { ["var"] = Path.Combine(_directory, "prod.tfvars") });
        var error = _session.Run("$context.TerraformFolder = $terraform; $context.LambdaZip = $zip; Invoke-DeployTask -Context $context",
            new Dictionary<string, object?> { ["terraform"] = terraform, ["zip"] = zip }).SingleError();

        Assert.Equal($"Expected the Lambda zip (PublishLambda) at '{zip}', but it is not there.", error.Exception.Message);
        Assert.False(Directory.Exists(Path.Combine(terraform, ".terraform")));
    }
}
