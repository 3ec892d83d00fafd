using System.Diagnostics;
using System.Runtime.Versioning;
using StsFtw.Client.Codes;
using StsFtw.Client.Tests.Support;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Client.Tests.Codes;

/// <summary>Real commands through /bin/sh. Every code and junk line a test prints is in the hygiene ledger, so an error that quoted one would fail the test.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class CodeCommandTests : IDisposable
{
    private readonly UnixFiles.TemporaryFolder _root = UnixFiles.NewFolder();

    public CodeCommandTests()
    {
        SecretLedger.Suite.Remember(SecretKind.Code, "123456");
        SecretLedger.Suite.Remember(SecretKind.Code, "654321");
        SecretLedger.Suite.Remember(SecretKind.SecretAccessKey, "JunkThatMightBeASecret");
    }

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("echo 123456")]
    [InlineData("printf '  123456\\r\\n\\n'")]
    [InlineData("echo noise >&2; echo 123456")]
    public async Task CodeCommandPrintsTheCode(string command) =>
        Assert.Equal("123456", await new CodeCommand(command, CodeCommand.PrimaryVariable).RunAsync(CancellationToken.None));

    [Theory]
    [InlineData("echo JunkThatMightBeASecret")]
    [InlineData("echo 12345678")]
    [InlineData("echo 12345")]
    [InlineData("echo '123 456'")]
    [InlineData("printf '123456\\n654321\\n'")]
    [InlineData("echo 'code: 123456'")]
    [InlineData("true")]
    public async Task CodeCommandOutputNeverAppearsInTheError(string command)
    {
        var failure = await Assert.ThrowsAsync<CodeUnavailableException>(() => new CodeCommand(command, CodeCommand.PrimaryVariable).RunAsync(CancellationToken.None));
        Assert.Equal(CodeUnavailableReason.CommandOutputNotACode, failure.Reason);
        Assert.Contains(CodeCommand.PrimaryVariable, failure.Message);
        Assert.DoesNotContain("Junk", failure.Message);
        Assert.DoesNotContain("123", failure.Message);
    }

    [Fact]
    public async Task CodeCommandThatExitsNonZeroFailsWithoutItsOutput()
    {
        var failure = await Assert.ThrowsAsync<CodeUnavailableException>(() => new CodeCommand("echo 123456; exit 3", "-TotpCodeCommand").RunAsync(CancellationToken.None));
        Assert.Equal(CodeUnavailableReason.CommandFailed, failure.Reason);
        Assert.Contains("exit status 3", failure.Message);
        Assert.DoesNotContain("123456", failure.Message);
    }

    [Fact]
    public async Task CodeCommandThatOutlivesItsTimeIsKilledWithEveryProcessItStarted()
    {
        var pidFile = _root.File("pid");
        var command = new CodeCommand($"sleep 30 & echo $! > {TestChild.ShellQuote(pidFile)}; wait", CodeCommand.PrimaryVariable, TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<CodeUnavailableException>(() => command.RunAsync(CancellationToken.None));
        Assert.Equal(CodeUnavailableReason.CommandTimedOut, failure.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        var sleeper = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilGoneAsync(sleeper);
    }

    [Fact]
    public async Task CodeCommandOutputIsBounded()
    {
        var failure = await Assert.ThrowsAsync<CodeUnavailableException>(() =>
            new CodeCommand("yes 1 | head -c 100000", CodeCommand.PrimaryVariable).RunAsync(CancellationToken.None));
        Assert.Equal(CodeUnavailableReason.CommandOutputTooLarge, failure.Reason);
    }

    [Fact]
    public async Task CancellingStopsTheCommand()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CodeCommand("sleep 30", CodeCommand.PrimaryVariable).RunAsync(cancel.Token));
    }

    [Fact]
    public void CodeCommandToStringHidesTheCommandLine() =>
        Assert.DoesNotContain("hunter2", new CodeCommand("op --password hunter2", CodeCommand.PrimaryVariable).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\0b")]
    public void EmptyOrMalformedCommandsAreRefused(string command) =>
        Assert.Throws<ArgumentException>(() => new CodeCommand(command, CodeCommand.PrimaryVariable));

    [Theory]
    [InlineData("plain")]
    [InlineData("with space")]
    [InlineData("quote\"inside")]
    [InlineData("trailing\\")]
    [InlineData("back\\\\\"slash")]
    [InlineData("")]
    public void ArgumentsQuotedForNetstandardParseBack(string argument)
    {
        var start = new ProcessStartInfo("/bin/sh", "-c " + ProcessTree.QuoteArgument("printf %s \"$0\"") + " " + ProcessTree.QuoteArgument(argument)) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(argument, output);
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            if (!Directory.Exists($"/proc/{pid}") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal)) return;
            await Task.Delay(50);
        }
        Assert.Fail($"The command's child {pid} is still running.");
    }
}
