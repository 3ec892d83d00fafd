using StsFtw.PowerShell.Tests.Hosting;
using StsFtw.PowerShell.Tests.StandIns;

namespace StsFtw.PowerShell.Tests.Isolation;

/// <summary>
/// Runs the module in a fresh process (tests/StsFtw.PowerShell.ScriptHost) whose default load context holds only the
/// PowerShell engine, as pwsh's does: there, which assemblies a cmdlet loads is visible, and another AWSSDK.Core can
/// be loaded first, as AWS.Tools does.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class ChildProcessTests : IAsyncLifetime
{
    private const string ListAwsSdkAssemblies =
        "[System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'AWSSDK*' } | " +
        "ForEach-Object { 'LOADED ' + $_.GetName().Name + ' ' + [System.Diagnostics.FileVersionInfo]::GetVersionInfo($_.Location).FileVersion + ' ' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }";

    private readonly DynaliteServer _dynalite;
    private readonly BackendStandIn _backend = new();
    private string _table = string.Empty;

    public ChildProcessTests(DynaliteServer dynalite) => _dynalite = dynalite;

    public async Task InitializeAsync() => _table = await _dynalite.CreateAuthTableAsync("ps-child");

    public Task DisposeAsync()
    {
        _backend.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void GetStsCredentialAndSetStsEnvironmentLoadNoAwsSdkAssembly()
    {
        var (exit, output, errors) = RunScript($$"""
            Import-Module '{{TestPaths.ModuleManifest}}' -ErrorAction Stop
            Get-StsCredential -Endpoint '{{_backend.Url}}' -Issuer example -AccountName alice -Role Developer -TotpCode 123456 | Set-StsEnvironment
            Get-StsCredential -Endpoint '{{_backend.Url}}' -Issuer example -AccountName alice -Role Developer -TotpCode 123456 -AsExport
            'KEY ' + $env:AWS_ACCESS_KEY_ID
            'CORE ' + ([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'StsFtw.Core' }).Count
            {{ListAwsSdkAssemblies}}
            """);
        Assert.True(exit == 0, errors);
        Assert.Contains("KEY " + BackendStandIn.AccessKeyId, output);
        Assert.Contains("CORE 1", output);
        Assert.DoesNotContain("LOADED ", output);
    }

    [Fact]
    public void TheAwsSdkCheckCanSeeAnAdminCmdletLoadIt()
    {
        var (exit, output, errors) = RunScript($$"""
            Import-Module '{{TestPaths.ModuleManifest}}' -ErrorAction Stop
            Get-StsEnrollment -TableName '{{_table}}' -Region us-east-1 | Out-Null
            {{ListAwsSdkAssemblies}}
            """, DynamoDbEnvironment());
        Assert.True(exit == 0, errors);
        Assert.Contains("LOADED AWSSDK.Core 4.1.0", output);
        Assert.Contains("LOADED AWSSDK.DynamoDBv2", output);
    }

    [Fact]
    public void AdminCmdletsWorkAfterAnotherAwsSdkCoreWasLoaded()
    {
        var otherCore = OtherAwsSdkCore();
        var (exit, output, errors) = RunScript($$"""
            $other = [System.Reflection.Assembly]::LoadFrom('{{otherCore}}')
            'OTHER ' + [System.Diagnostics.FileVersionInfo]::GetVersionInfo($other.Location).FileVersion
            Import-Module '{{TestPaths.ModuleManifest}}' -ErrorAction Stop
            New-StsEnrollment -TableName '{{_table}}' -Region us-east-1 -Issuer example -AccountName isolated -Roles Developer -NoPrompt -AllowPlaintextSecret | Out-Null
            Get-StsEnrollment -TableName '{{_table}}' -Region us-east-1 -Issuer example -AccountName isolated | ForEach-Object { 'FOUND ' + $_.AccountName + ' ' + ($_.Roles -join ',') }
            {{ListAwsSdkAssemblies}}
            """, DynamoDbEnvironment());
        Assert.True(exit == 0, errors);
        Assert.Contains("OTHER 4.0.102", output);
        Assert.Contains("FOUND isolated Developer", output);
        Assert.Matches(@"LOADED AWSSDK\.Core 4\.0\.102\.\d+ Default", output);
        Assert.Matches(@"LOADED AWSSDK\.Core 4\.1\.0\.\d+ StsFtw", output);
    }

    private Dictionary<string, string> DynamoDbEnvironment() => new()
    {
        ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynalite.ServiceUrl,
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
    };

    /// <summary>AWSSDK.Core 4.0.x from the NuGet cache (restored for the ScriptHost project).</summary>
    private static string OtherAwsSdkCore()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var version = Directory.GetDirectories(Path.Combine(packages, "awssdk.core")).Select(Path.GetFileName).Where(v => v!.StartsWith("4.0.", StringComparison.Ordinal)).Max()!;
        return Path.Combine(packages, "awssdk.core", version, "lib", "net8.0", "AWSSDK.Core.dll");
    }

    private static (int Exit, string Output, string Errors) RunScript(string script, IDictionary<string, string>? environment = null) =>
        ScriptHostProcess.Run(script, environment);
}
