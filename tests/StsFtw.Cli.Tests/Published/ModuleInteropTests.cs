using System.Text.Json;
using StsFtw.Cli.Tests.Support;

namespace StsFtw.Cli.Tests.Published;

/// <summary>
/// The module and the binary share one cache in one format: a profile either of them registered, once run, fills the
/// cache the other then answers from without a code and without a call to the endpoint.
/// </summary>
public sealed class ModuleInteropTests : IDisposable
{
    private readonly ClientHome _home = new();

    public void Dispose() => _home.Dispose();

    private Dictionary<string, string> WithPwsh(Dictionary<string, string> environment)
    {
        var (path, modulePath) = ModulePwsh.Install(Path.Combine(_home.Path, "bin"));
        environment["PATH"] = path;
        environment["PSModulePath"] = modulePath;
        return environment;
    }

    [Fact]
    public async Task AProfileTheModuleRegisteredIsServedByTheBinaryFromTheSameCache()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();
        var environment = WithPwsh(_home.Environment(endpoint));

        var register = await CliRun.StartAsync("pwsh",
            ["-NoProfile", "-NonInteractive", "-Command", $"Import-Module StsFtw; Register-StsProfile -Name work -TotpCodeCommand 'echo 123456' -ConfigFilePath '{_home.ConfigFile}'"],
            environment);
        Assert.True(register.ExitCode == 0, register.Error);
        var line = ProfileLine.Read(_home.ConfigFile, "work");
        Assert.StartsWith("pwsh -NoProfile -NonInteractive -Command", line, StringComparison.Ordinal);
        var fromModule = await ProfileLine.RunAsync(line, WithPwsh(_home.Bare()));

        // The binary, with the profile's settings and no code, through no terminal: only the module's cache entry can answer.
        var fromBinary = await CliRun.StartAsync(binary,
            ["credential-process", "--endpoint", endpoint.Url, "--issuer", "Example", "--account-name", "alice", "--role", "ReadOnly"], _home.Bare());

        Assert.True(fromModule.ExitCode == 0, fromModule.Error);
        Assert.True(fromBinary.ExitCode == 0, fromBinary.Error);
        Assert.Equal(endpoint.AccessKeyId, AccessKeyIdOf(fromModule.Output));
        Assert.True(Document(fromModule.Output) == Document(fromBinary.Output));
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task AProfileTheBinaryRegisteredIsServedByTheModuleFromTheSameCache()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();

        var register = await CliRun.StartAsync(binary, ["profile", "register", "work", "--totp-code-command", "echo 123456"], _home.Environment(endpoint));
        Assert.Equal(0, register.ExitCode);
        var fromBinary = await ProfileLine.RunAsync(ProfileLine.Read(_home.ConfigFile, "work"), _home.Bare());

        var fromModule = await CliRun.StartAsync("pwsh",
            ["-NoProfile", "-NonInteractive", "-Command",
             $"Import-Module StsFtw; Get-StsCredential -Endpoint '{endpoint.Url}' -Issuer Example -AccountName alice -Role ReadOnly -AsCredentialProcess"],
            WithPwsh(_home.Bare()));

        Assert.True(fromBinary.ExitCode == 0, fromBinary.Error);
        Assert.True(fromModule.ExitCode == 0, fromModule.Error);
        Assert.Equal(endpoint.AccessKeyId, AccessKeyIdOf(fromBinary.Output));
        Assert.True(Document(fromModule.Output) == Document(fromBinary.Output));
        Assert.Equal(1, endpoint.Requests);
    }

    private static string? AccessKeyIdOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("AccessKeyId").GetString();
    }

    // The same five fields with the same values, whatever the white space.
    private static string Document(string json)
    {
        using var document = JsonDocument.Parse(json);
        return string.Join("\n", document.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value.ToString()));
    }
}
