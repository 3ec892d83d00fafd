using System.Text.Json;
using StsFtw.Cli.Tests.Support;

namespace StsFtw.Cli.Tests.Published;

/// <summary><c>stsftw profile register|unregister</c> of the published binary: the profile runs this binary, and the AWS CLI's way of running it works.</summary>
public sealed class ProfileCommandTests : IDisposable
{
    private readonly ClientHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task RegisteredProfileRunsThisBinaryByItsAbsolutePathAndIsServedFromTheCache()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();

        var register = await CliRun.StartAsync(binary,
            ["profile", "register", "work", "--region", "eu-west-1", "--totp-code-command", "echo 123456"], _home.Environment(endpoint));

        Assert.Equal(0, register.ExitCode);
        Assert.Equal(string.Empty, register.Error);
        Assert.Equal($"Wrote [profile work] to {_home.ConfigFile}.", register.Output.Trim());
        var line = ProfileLine.Read(_home.ConfigFile, "work");
        Assert.Equal($"{binary} credential-process --endpoint {endpoint.Url} --issuer Example --account-name alice --role ReadOnly " +
            "--region eu-west-1 --totp-code-command \"echo 123456\"", line);
        Assert.Contains("region = eu-west-1", await File.ReadAllTextAsync(_home.ConfigFile), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_home.ConfigFile));

        // The line carries every setting: it runs with no STS_* variable, as the AWS CLI runs it.
        var first = await ProfileLine.RunAsync(line, _home.Bare());
        var second = await ProfileLine.RunAsync(line, _home.Bare());

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(string.Empty, first.Error);
        Assert.Equal(endpoint.AccessKeyId, JsonDocument.Parse(first.Output).RootElement.GetProperty("AccessKeyId").GetString());
        Assert.True(first.Output == second.Output);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task RegisterReplacesAProfileOnlyWithForceAndUnregisterRemovesOnlyThatProfile()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();
        var environment = _home.Environment(endpoint);
        Directory.CreateDirectory(Path.GetDirectoryName(_home.ConfigFile)!);
        await File.WriteAllTextAsync(_home.ConfigFile, "[profile other]\nregion = us-east-1\n\n[profile work]\noutput = json\n");

        var refused = await CliRun.StartAsync(binary, ["profile", "register", "work"], environment);
        var forced = await CliRun.StartAsync(binary, ["profile", "register", "work", "--force"], environment);
        var removed = await CliRun.StartAsync(binary, ["profile", "unregister", "work"], environment);
        var missing = await CliRun.StartAsync(binary, ["profile", "unregister", "work"], environment);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", Assert.Single(refused.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal($"Removed [profile work] from {_home.ConfigFile}.", removed.Output.Trim());
        Assert.Equal(1, missing.ExitCode);
        Assert.Single(missing.ErrorLines);
        var left = await File.ReadAllTextAsync(_home.ConfigFile);
        Assert.Contains("[profile other]\nregion = us-east-1", left, StringComparison.Ordinal);
        Assert.DoesNotContain("work", left, StringComparison.Ordinal);
        Assert.Equal(0, endpoint.Requests);
    }

    [Theory]
    [InlineData("profile", "register", "work", "--totp-code", "123456")]
    [InlineData("profile", "register", "bad/name")]
    [InlineData("profile", "register", "work", "--role", "Read'Only")]
    [InlineData("profile", "rename", "work")]
    public async Task BadProfileArgumentsExitWithTwoAndOneLineAndWriteNothing(params string[] arguments)
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();

        var run = await CliRun.StartAsync(binary, arguments, _home.Environment(endpoint));

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Equal(string.Empty, run.Output);
        Assert.False(File.Exists(_home.ConfigFile));
    }
}
