using System.Net;
using StsFtw.Cli.Tests.Support;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Cli.Tests.Published;

/// <summary>
/// <c>stsftw console</c> of the published binary against the sandbox's STS and console federation stand-ins: the
/// session the endpoint hands out is one the STS stand-in issued, so the federation stand-in's token is real to it.
/// </summary>
public sealed class ConsoleCommandTests : IDisposable
{
    private readonly ClientHome _home = new();
    private readonly ConsoleStandIns _standIns = new();

    public void Dispose()
    {
        _standIns.Dispose();
        _home.Dispose();
    }

    private Dictionary<string, string> Environment(FakeCredentialEndpoint endpoint)
    {
        var environment = _home.Environment(endpoint);
        environment["STS_FEDERATION_ENDPOINT"] = _standIns.Federation.Endpoint.AbsoluteUri;
        return environment;
    }

    [Fact]
    public async Task ConsolePrintsOnlyASignInUrlTheFederationEndpointAcceptsFromCachedCredentials()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint(session: await _standIns.AssumeRoleAsync());
        var environment = Environment(endpoint);
        Assert.Equal(0, (await CliRun.StartAsync(binary, ["get", "--totp-code", "123456"], environment)).ExitCode);

        // No code and no terminal: only the cache can answer.
        var run = await CliRun.StartAsync(binary, ["console", "--region", "eu-west-1"], environment);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        var url = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(_standIns.Federation.Endpoint.AbsoluteUri + "?Action=login&", url, StringComparison.Ordinal);
        Assert.Contains("SigninToken=" + FederationStandIn.SigninTokenPrefix, url, StringComparison.Ordinal);
        Assert.Equal(1, endpoint.Requests);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var login = await http.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal("https://console.aws.amazon.com/console/home?region=eu-west-1", login.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task ConsoleOpenGivesTheUrlToTheBrowserAndPrintsNothing()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint(session: await _standIns.AssumeRoleAsync());
        var environment = Environment(endpoint);
        var browser = Path.Combine(_home.Path, "browser");
        var opened = Path.Combine(_home.Path, "opened");
        await File.WriteAllTextAsync(browser, $"#!/bin/sh\nprintf '%s\\n' \"$#\" \"$1\" > '{opened}'\n");
        File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        environment["STS_BROWSER"] = browser;

        var run = await CliRun.StartAsync(binary, ["console", "--totp-code", "123456", "--open", "--destination", "https://console.aws.amazon.com/s3/home"], environment);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(string.Empty, run.Error);
        for (var i = 0; i < 50 && !File.Exists(opened); i++) await Task.Delay(100);
        var lines = await File.ReadAllLinesAsync(opened);
        Assert.Equal("1", lines[0]);
        Assert.StartsWith(_standIns.Federation.Endpoint.AbsoluteUri + "?Action=login&", lines[1], StringComparison.Ordinal);
        Assert.Contains("Destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fhome", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleRefusesANonDefaultSessionLengthBeforeAskingForACode()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();

        var run = await CliRun.StartAsync(binary, ["console", "--totp-code", "123456", "--duration-seconds", "900"], Environment(endpoint));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--duration-seconds", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(0, endpoint.Requests);
    }

    [Fact]
    public async Task ConsoleReportsTheFederationEndpointsRefusalInOneLineWithoutTheUrl()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        // Made-up keys the STS stand-in never issued: the federation stand-in refuses them.
        await using var endpoint = new FakeCredentialEndpoint();

        var run = await CliRun.StartAsync(binary, ["console", "--totp-code", "123456"], Environment(endpoint));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.DoesNotContain("Session", line, StringComparison.Ordinal);
        Assert.DoesNotContain(endpoint.AccessKeyId, line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }
}
