using System.Text.Json;
using StsFtw.Cli.Tests.Support;

namespace StsFtw.Cli.Tests.Published;

/// <summary>
/// The published binary with a pseudo-terminal as its controlling terminal and standard output a pipe, driven by the
/// module's own driver (tests/pester/Support/pty_run.py): the code is typed on the terminal, the prompt appears only
/// there, and what bash evaluates or the AWS CLI parses is clean.
/// </summary>
public sealed class TerminalPromptTests : IDisposable
{
    private const string Code = "123456";
    private static readonly string Driver = TerminalDriver.Script;

    private readonly ClientHome _home = new();

    public void Dispose() => _home.Dispose();

    private sealed record TerminalRun(int ExitCode, string Stdout, string Transcript);

    private async Task<TerminalRun> OnTerminalAsync(IReadOnlyDictionary<string, string> environment, bool typeCode, params string[] command)
    {
        var id = Guid.NewGuid().ToString("N");
        var stdout = Path.Combine(_home.Path, id + ".out");
        var transcript = Path.Combine(_home.Path, id + ".tty");
        string[] options = typeCode ? ["--wait", "Code for alice at 127.0.0.1: ", "--keys", Code + "\\r", "--timeout", "30"] : ["--timeout", "30"];
        var run = await CliRun.StartAsync("python3", [Driver, .. options, stdout, transcript, "--", .. command], environment);
        return new TerminalRun(run.ExitCode, await File.ReadAllTextAsync(stdout), await File.ReadAllTextAsync(transcript));
    }

    [Fact]
    public async Task ACodeTypedOnTheTerminalGivesExportLinesBashEvaluates()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();
        var environment = _home.Environment(endpoint);
        environment["STSFTW"] = binary;

        var run = await OnTerminalAsync(environment, typeCode: true,
            "bash", "-c", """eval "$("$STSFTW" get --region eu-west-1)" && printf '%s %s' "$AWS_ACCESS_KEY_ID" "$AWS_REGION" """);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{endpoint.AccessKeyId} eu-west-1", run.Stdout);
        Assert.Contains("Code for alice at 127.0.0.1: ", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, run.Transcript, StringComparison.Ordinal);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task CredentialProcessPromptsOnlyOnTheTerminalAndThenAnswersFromTheCacheWithoutPrompting()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();
        var environment = _home.Environment(endpoint);

        var first = await OnTerminalAsync(environment, typeCode: true, binary, "credential-process");
        var second = await OnTerminalAsync(environment, typeCode: false, binary, "credential-process");

        Assert.Equal(0, first.ExitCode);
        using (var document = JsonDocument.Parse(first.Stdout))
        {
            Assert.Equal(endpoint.AccessKeyId, document.RootElement.GetProperty("AccessKeyId").GetString());
        }
        Assert.Contains("Code for alice", first.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, first.Transcript, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.True(first.Stdout == second.Stdout);
        Assert.Equal(string.Empty, second.Transcript);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task ExecPromptsOnTheTerminalAndKeepsTheCredentialsInTheChildOnly()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var endpoint = new FakeCredentialEndpoint();
        var environment = _home.Environment(endpoint);
        environment["STSFTW"] = binary;

        var run = await OnTerminalAsync(environment, typeCode: true,
            "bash", "-c", """ "$STSFTW" exec -- bash -c 'printf "%s " "$AWS_ACCESS_KEY_ID"; exit 3'; printf '%s [%s]' "$?" "${AWS_ACCESS_KEY_ID-}" """);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{endpoint.AccessKeyId} 3 []", run.Stdout);
        Assert.DoesNotContain(Code, run.Transcript, StringComparison.Ordinal);
    }
}
