using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using StsFtw.Cli.Tests.Support;
using StsFtw.Core.Wire;

namespace StsFtw.Cli.Tests.Published;

/// <summary>The published Native AOT binary, run as a person runs it, against a loopback stand-in of the endpoint.</summary>
public sealed partial class PublishedBinaryTests : IDisposable
{
    /// <summary>Amazon Linux 2023's glibc, the oldest the backend is held to; the client keeps to it too.</summary>
    private static readonly Version HighestGlibc = new(2, 34);

    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("stsftw-cli-");

    private Dictionary<string, string> Environment(FakeCredentialEndpoint endpoint) => new()
    {
        ["HOME"] = _home.FullName,
        ["STS_CACHE_DIR"] = Path.Combine(_home.FullName, "cache"),
        ["STS_ENDPOINT"] = endpoint.Url,
        ["STS_ISSUER"] = "Example",
        ["STS_ACCOUNT_NAME"] = "alice",
        ["STS_ROLE"] = "ReadOnly",
    };

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task BinaryNeedsNoGlibcNewerThanAmazonLinux2023s()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();

        var symbols = await CliRun.StartAsync("objdump", ["-T", binary], new Dictionary<string, string>());

        Assert.Equal(0, symbols.ExitCode);
        var versions = GlibcVersion().Matches(symbols.Output).Select(m => Version.Parse(m.Groups[1].Value)).Distinct().ToArray();
        Assert.NotEmpty(versions);
        Assert.True(versions.Max() <= HighestGlibc, $"stsftw needs GLIBC_{versions.Max()}.");
    }

    [Fact]
    public async Task GetOutputSetsTheVariablesWhenEvaluatedByBash()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();
        var environment = Environment(endpoint);
        environment["STSFTW"] = binary;
        environment["EXPECTED"] = endpoint.AccessKeyId;

        var run = await CliRun.StartAsync("bash",
            ["-c", """eval "$("$STSFTW" get --totp-code 123456 --region eu-west-1)"; [ "$AWS_ACCESS_KEY_ID" = "$EXPECTED" ] && [ -n "$AWS_SECRET_ACCESS_KEY" ] && [ -n "$AWS_SESSION_TOKEN" ] && [ "$AWS_REGION" = eu-west-1 ] && echo same"""],
            environment);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("same", run.Output.Trim());
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task CredentialProcessPrintsOnlyItsJsonAndTheSecondCallIsServedFromTheCache()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();
        var environment = Environment(endpoint);
        environment["STS_TOTP_CODE_COMMAND"] = "echo 123456";

        var first = await CliRun.StartAsync(binary, ["credential-process"], environment);
        environment.Remove("STS_TOTP_CODE_COMMAND"); // the second call must need no code at all
        var second = await CliRun.StartAsync(binary, ["credential-process"], environment);

        foreach (var run in new[] { first, second })
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(string.Empty, run.Error);
            using var document = JsonDocument.Parse(run.Output);
            var root = document.RootElement;
            Assert.Equal(1, root.GetProperty("Version").GetInt32());
            Assert.True(root.GetProperty("AccessKeyId").GetString() == endpoint.AccessKeyId);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("SecretAccessKey").GetString()));
            Assert.False(string.IsNullOrEmpty(root.GetProperty("SessionToken").GetString()));
            Assert.True(root.TryGetProperty("Expiration", out _));
        }
        Assert.True(first.Output == second.Output);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task StsftwsFlagsReachTheEndpointAsItsFields()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();

        var run = await CliRun.StartAsync(binary,
            ["get", "--endpoint", endpoint.Url, "--issuer", "Other", "--account-name", "bob", "--role", "Admin", "--secondary-authorizer", "carol",
             "--totp-code", "123456", "--secondary-totp-code", "654321", "--duration-seconds", "900"],
            new Dictionary<string, string> { ["HOME"] = _home.FullName, ["STS_CACHE_DIR"] = Path.Combine(_home.FullName, "cache") });

        Assert.Equal(0, run.ExitCode);
        using var body = JsonDocument.Parse(endpoint.LastBody!);
        var fields = body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        Assert.Equal("Other", fields[CredentialRequestFields.Issuer]);
        Assert.Equal("bob", fields[CredentialRequestFields.AccountName]);
        Assert.Equal("Admin", fields[CredentialRequestFields.Role]);
        Assert.Equal("carol", fields[CredentialRequestFields.SecondaryAccountName]);
        Assert.Equal("123456", fields[CredentialRequestFields.TotpCode]);
        Assert.Equal("654321", fields[CredentialRequestFields.SecondaryTotpCode]);
        Assert.Equal("900", fields[CredentialRequestFields.DurationSeconds]);
    }

    [Fact]
    public async Task CacheClearRemovesTheEntrySoTheNextCallPosts()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();
        var environment = Environment(endpoint);

        var first = await CliRun.StartAsync(binary, ["get", "--json", "--totp-code", "123456"], environment);
        var clear = await CliRun.StartAsync(binary, ["cache", "clear"], environment);
        var again = await CliRun.StartAsync(binary, ["get", "--totp-code", "123456"], environment);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, clear.ExitCode);
        Assert.Contains("Removed 1 ", clear.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(2, endpoint.Requests);
    }

    [Fact]
    public async Task ExecRunsTheCommandWithTheCredentialsAndReturnsItsExitCode()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();
        var environment = Environment(endpoint);
        environment["EXPECTED"] = endpoint.AccessKeyId;
        environment["AWS_PROFILE"] = "other";

        var run = await CliRun.StartAsync(binary,
            ["exec", "--totp-code", "123456", "--region", "eu-west-1", "--", "bash", "-c",
             """[ "$AWS_ACCESS_KEY_ID" = "$EXPECTED" ] && [ -z "${AWS_PROFILE+set}" ] && [ "$AWS_DEFAULT_REGION" = eu-west-1 ] && echo same "$1"; exit 7""", "bash", "arg one"],
            environment);

        Assert.Equal(7, run.ExitCode);
        Assert.Equal("same arg one", run.Output.Trim());
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task ExecOfAMissingCommandIs127AndOneLineWithoutPosting()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();

        var run = await CliRun.StartAsync(binary, ["exec", "--totp-code", "123456", "--", "no-such-program-stsftw"], Environment(endpoint));

        Assert.Equal(127, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Equal(0, endpoint.Requests);
    }

    [Fact]
    public async Task BashCompletionLoadsAndCompletesCommands()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();

        var run = await CliRun.StartAsync("bash",
            ["-c", """source <("$STSFTW" completion bash) && COMP_WORDS=(stsftw cre) && COMP_CWORD=1 && _stsftw && echo "${COMPREPLY[*]}" && COMP_WORDS=(stsftw get --sh) && COMP_CWORD=2 && _stsftw && echo "${COMPREPLY[*]}" """],
            new Dictionary<string, string> { ["STSFTW"] = binary });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["credential-process", "--shell"], run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(string.Empty, run.Error);
    }

    [Theory]
    [InlineData("get", "--bogus")]
    [InlineData("get", "--duration-seconds", "60")]
    [InlineData("credential-process", "--json")]
    [InlineData("frobnicate")]
    [InlineData("exec", "--totp-code", "123456")]
    [InlineData("completion", "tcsh")]
    public async Task BadFlagsExitWithTwoAndOneLine(params string[] arguments)
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();

        var run = await CliRun.StartAsync(binary, arguments, Environment(endpoint));

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(0, endpoint.Requests);
    }

    [Fact]
    public async Task AnEndpointRefusalExitsWithOneAndOneLine()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint(refuse: true);

        var run = await CliRun.StartAsync(binary, ["get", "--totp-code", "123456"], Environment(endpoint));

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task NoTerminalAndNoCodeIsOneClearError()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();

        var run = await CliRun.StartAsync(binary, ["credential-process"], Environment(endpoint));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("no terminal", line, StringComparison.Ordinal);
        Assert.Contains("--totp-code", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(0, endpoint.Requests);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("get", "--help")]
    [InlineData("credential-process", "--help")]
    [InlineData("cache", "--help")]
    [InlineData("exec", "--help")]
    [InlineData("completion", "--help")]
    [InlineData("console", "--help")]
    [InlineData("profile", "--help")]
    [InlineData("profile", "register", "--help")]
    [InlineData("enroll", "--help")]
    public async Task EveryCommandHasHelp(params string[] arguments)
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();

        var run = await CliRun.StartAsync(binary, arguments, new Dictionary<string, string>());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage: stsftw", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Not a test of time: prints the median of 20 cache-served credential-process runs and the binary's size.</summary>
    [Fact]
    public async Task MeasureCacheServedCredentialProcess()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();
        var environment = Environment(endpoint);
        environment["STS_TOTP_CODE_COMMAND"] = "echo 123456";
        Assert.Equal(0, (await CliRun.StartAsync(binary, ["credential-process"], environment)).ExitCode);

        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var run = await CliRun.StartAsync(binary, ["credential-process"], environment);
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(0, run.ExitCode);
        }
        times.Sort();
        var median = (times[9] + times[10]) / 2;
        var size = new FileInfo(binary).Length;
        File.WriteAllText(Path.Combine(CliArtifacts.RepositoryRoot, "artifacts", "cli", "measure.txt"), $"size {size} bytes; cache-served credential-process median {median:F1} ms (20 runs, through setsid)\n");
        Assert.Equal(1, endpoint.Requests);
    }

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersion();
}
