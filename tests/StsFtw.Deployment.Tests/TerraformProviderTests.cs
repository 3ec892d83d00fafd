using System.Diagnostics;
using StsFtw.Deployment.Tests.Hcl;

namespace StsFtw.Deployment.Tests;

/// <summary>
/// terraform/ checked by the real hashicorp/aws provider, offline: <c>TerraformTest/run.sh</c> copies the tree to a
/// temporary folder (with the documented version substitutions), runs <c>terraform validate</c> and
/// <c>terraform test</c> (mock provider, plan only) over both endpoint variants. A failing run block's name and
/// error message are in the assertion's message.
/// </summary>
public sealed class TerraformProviderTests
{
    private const string PluginDirectory = "/opt/tf-plugins";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task GuardTablePolicyKeyPolicyAlarmsAndConcurrencyHoldInTheProvidersPlan()
    {
        if (!Directory.Exists(PluginDirectory) || !OnPath("terraform"))
        {
            Assert.Fail($"This test needs the Terraform CLI and the offline hashicorp/aws provider in {PluginDirectory} (see tests/README.md).");
        }

        var (exitCode, output) = await RunAsync(Path.Combine(RepositoryPaths.Root, "tests", "StsFtw.Deployment.Tests", "TerraformTest", "run.sh"));

        Assert.True(exitCode == 0, $"run.sh exited with {exitCode}:\n{output}");
        Assert.Contains("Success! The configuration is valid.", output, StringComparison.Ordinal);
        Assert.Matches(@"Success! [1-9][0-9]* passed, 0 failed\.", output);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "StsFtw.Deployment.Tests", "TerraformTest"), "*.tftest.hcl"))
        {
            Assert.Contains($"tests/{Path.GetFileName(file)}... pass", output, StringComparison.Ordinal);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(RepositoryPaths.Root);
        start.ArgumentList.Add(PluginDirectory);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await errors);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}
