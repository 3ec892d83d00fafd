using System.Runtime.Versioning;
using System.Text;
using StsFtw.Client.Codes;
using StsFtw.Client.Tests.Children;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Codes;

/// <summary>
/// The prompt for real, in a child process whose controlling terminal is a pseudo-terminal (python3's pty module) and
/// whose stdout is a pipe: what the terminal showed and what stdout carried are checked separately.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class TerminalCodePromptTests : IDisposable
{
    private const string Prompt = "Code for alice at sts.example.com: ";
    private readonly UnixFiles.TemporaryFolder _root = UnixFiles.NewFolder();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task CodeTypedOnTheTerminalIsMaskedAndNeverReachesStdout()
    {
        var (exitCode, stdout, shown) = await TypeAsync("123456\r");
        Assert.Equal(0, exitCode);
        Assert.Equal("code=123456\necho=on\n", stdout);
        var typedLine = TypedLine(shown);
        Assert.Equal("******", typedLine);
    }

    [Fact]
    public async Task BackspaceRemovesTheLastDigitAndOtherKeysAreNotEchoed()
    {
        var (exitCode, stdout, shown) = await TypeAsync("12x9\u007f3 456\r");
        Assert.Equal(0, exitCode);
        Assert.Equal("code=123456\necho=on\n", stdout);
        Assert.Equal("**\a*\b \b****", TypedLine(shown));
    }

    [Theory]
    [InlineData("12\u0003")]
    [InlineData("\u0004")]
    public async Task CtrlCOrCtrlDCancelsAndTheTerminalEchoesAgain(string keys)
    {
        var (exitCode, stdout, _) = await TypeAsync(keys);
        Assert.Equal(130, exitCode);
        Assert.Equal("cancelled\necho=on\n", stdout);
    }

    [Fact]
    public async Task InputIsBoundedAtSixteenDigits()
    {
        var (exitCode, stdout, shown) = await TypeAsync(new string('7', 20) + "\r");
        Assert.Equal(0, exitCode);
        Assert.Equal("code=" + new string('7', TerminalCodePrompt.MaximumLength) + "\necho=on\n", stdout);
        Assert.Equal(new string('*', 16) + "\a\a\a\a", TypedLine(shown));
    }

    [Fact]
    public async Task WithoutATerminalThePromptFailsAtOnceWithOneClearError()
    {
        var (host, assembly) = TestChild.Command();
        var started = DateTime.UtcNow;
        var (exitCode, stdout, stderr) = await TestChild.RunAsync("setsid", ["-w", host, assembly, PromptChild.Mode, "alice", "sts.example.com"]);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
        Assert.Equal(3, exitCode);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith(nameof(CodeUnavailableReason.NoTerminal), line);
        foreach (var way in new[] { "-TotpCode", "--totp-code", "-TotpCodeCommand", "STS_TOTP_CODE_COMMAND" }) Assert.Contains(way, line);
    }

    [Fact]
    public async Task CodeCommandAsksForItsPasswordOnTheTerminalEvenWhenStdinAndStderrArePipes()
    {
        var tool = "printf 'Password: ' >&2; read answer; [ \"$answer\" = letmein ] && echo 123456";
        var child = "exec " + TestChild.ShellCommand(CodeCommandChild.Mode, tool) + " </dev/null 2>/dev/null";
        var (exitCode, stdout, shown) = await TypeAsync("letmein\r", "Password: ", "/bin/sh", "-c", child);
        Assert.Equal(0, exitCode);
        Assert.Equal("code=123456\n", stdout);
        Assert.Contains("Password: ", shown);
    }

    [Fact]
    public void PromptTextNamesTheAccountAndTheHostAndNeutralisesControlCharacters()
    {
        Assert.Equal(Prompt, new CodePromptRequest("alice", "sts.example.com").Text);
        Assert.Equal("Code for co-signer bob at h: ", new CodePromptRequest("bob", "h", IsCoSigner: true).Text);
        Assert.DoesNotContain('\u001b', new CodePromptRequest("a\u001b[2J", "h").Text);
    }

    // What the terminal showed between the prompt and the end of the line the code was typed on.
    private static string TypedLine(string shown)
    {
        var start = shown.IndexOf(Prompt, StringComparison.Ordinal);
        Assert.True(start >= 0, "The prompt never appeared on the terminal.");
        start += Prompt.Length;
        var end = shown.IndexOf("\r\n", start, StringComparison.Ordinal);
        return end < 0 ? shown[start..] : shown[start..end];
    }

    private Task<(int ExitCode, string Stdout, string Shown)> TypeAsync(string keys)
    {
        var (host, assembly) = TestChild.Command();
        return TypeAsync(keys, Prompt, host, assembly, PromptChild.Mode, "alice", "sts.example.com");
    }

    // Runs the command on a pseudo-terminal (pty_driver.py), types the keys once waitFor shows, and returns what stdout
    // carried and what the terminal showed.
    private async Task<(int ExitCode, string Stdout, string Shown)> TypeAsync(string keys, string waitFor, params string[] command)
    {
        var transcript = _root.File("transcript");
        var driver = Path.Combine(AppContext.BaseDirectory, "Support", "pty_driver.py");
        var keysHex = Convert.ToHexString(Encoding.ASCII.GetBytes(keys));
        var (exitCode, stdout, stderr) = await TestChild.RunAsync("python3", [driver, transcript, waitFor, keysHex, .. command]);
        var shown = File.Exists(transcript) ? Encoding.UTF8.GetString(File.ReadAllBytes(transcript)) : string.Empty;
        Assert.True(shown.Length > 0, "The terminal showed nothing: " + stderr);
        return (exitCode, stdout.Replace("\r\n", "\n"), shown);
    }
}
