using System.Diagnostics;
using StsFtw.Client.Profiles;

namespace StsFtw.Client.Tests.Profiles;

public sealed class CredentialProcessCommandTests
{
    private static readonly CredentialProcessRequest Request = new("https://sts.example.com/", "Example Corp", "alice", "Developer");

    [Fact]
    public void ThePowerShellClientRunsGetStsCredentialAsCredentialProcess() =>
        Assert.Equal(
            "pwsh -NoProfile -NonInteractive -Command \"Import-Module StsFtw; Get-StsCredential -Endpoint 'https://sts.example.com/' " +
            "-Issuer 'Example Corp' -AccountName 'alice' -Role 'Developer' -AsCredentialProcess\"",
            CredentialProcessCommand.Format(CredentialProcessClient.PowerShell(), Request));

    [Fact]
    public void OptionalSettingsAreWrittenWhenGiven()
    {
        var request = Request with
        {
            SecondaryAccountName = "bob",
            DurationSeconds = 3600,
            Region = "eu-west-1",
            TotpCodeCommand = "op item get AWS --otp",
        };
        var script = CredentialProcessCommand.Arguments(CredentialProcessClient.PowerShell(), request)[4];
        Assert.Equal("Import-Module StsFtw; Get-StsCredential -Endpoint 'https://sts.example.com/' -Issuer 'Example Corp' -AccountName 'alice' " +
            "-Role 'Developer' -SecondaryAccountName 'bob' -DurationSeconds 3600 -Region 'eu-west-1' -TotpCodeCommand 'op item get AWS --otp' " +
            "-AsCredentialProcess", script);
    }

    [Fact]
    public void TheClientIsAParameterOfTheBuilder()
    {
        var line = CredentialProcessCommand.Format(new NativeStandIn(), Request with { Role = "arn:aws:iam::123456789012:role/team/Developer" });
        Assert.Equal("stsftw credential-process --endpoint https://sts.example.com/ --issuer \"Example Corp\" --account-name alice " +
            "--role arn:aws:iam::123456789012:role/team/Developer", line);
        Assert.Equal("powershell -NoProfile", CredentialProcessCommand.Format(CredentialProcessClient.PowerShell("powershell"), Request).Substring(0, 21));
    }

    [Theory]
    [InlineData("alice'; Remove-Item -Recurse ~; '")]
    [InlineData("alice\"; rm -rf ~; \"")]
    [InlineData("alice;rm")]
    [InlineData("a$(id)")]
    [InlineData("a${HOME}")]
    [InlineData("a`id`")]
    [InlineData("a%PATH%")]
    [InlineData("a!x")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a\u2018b")]
    [InlineData("a\u2019b")]
    [InlineData("a\u201Cb")]
    [InlineData("a\u201Db")]
    [InlineData("jos\u00e9")]
    [InlineData("a|b")]
    [InlineData("a&b")]
    [InlineData(" alice")]
    public void AccountNamesThatCouldInjectAreRefused(string account)
    {
        var e = Assert.Throws<ArgumentException>(() => CredentialProcessCommand.Format(CredentialProcessClient.PowerShell(), Request with { AccountName = account }));
        Assert.Contains("AccountName", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(account.Trim(), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\tb")]
    [InlineData("a\u0085b")]
    public void LineBreaksAndControlCharactersAreRefusedEverywhere(string value)
    {
        var client = CredentialProcessClient.PowerShell();
        Assert.Throws<ArgumentException>(() => CredentialProcessCommand.Format(client, Request with { Issuer = value }));
        Assert.Throws<ArgumentException>(() => CredentialProcessCommand.Format(client, Request with { SecondaryAccountName = value }));
        Assert.Throws<ArgumentException>(() => CredentialProcessCommand.Format(client, Request with { TotpCodeCommand = value }));
        Assert.Throws<ArgumentException>(() => CredentialProcessCommand.Format(client, Request with { Region = value }));
    }

    [Theory]
    [InlineData("op item get 'AWS' --otp")]
    [InlineData("op item get \"AWS\" --otp")]
    [InlineData("totp; rm -rf ~")]
    [InlineData("echo $(cat ~/.secret)")]
    [InlineData("echo `id`")]
    [InlineData("totp > /tmp/x")]
    [InlineData("totp && id")]
    public void CodeCommandsThatCouldInjectAreRefused(string command) =>
        Assert.Throws<ArgumentException>(() => CredentialProcessCommand.Format(CredentialProcessClient.PowerShell(), Request with { TotpCodeCommand = command }));

    [Theory]
    [InlineData("https://sts.example.com/?a=b")]
    [InlineData("https://sts.example.com/#x")]
    [InlineData("https://sts.example.com/a%20b")]
    [InlineData("https://sts.example.com/'")]
    [InlineData("http://sts.example.com/")]
    public void EndpointsThatCouldInjectOrAreInsecureAreRefused(string endpoint) =>
        Assert.Throws<ArgumentException>(() => CredentialProcessCommand.Format(CredentialProcessClient.PowerShell(), Request with { Endpoint = endpoint }));

    [Fact]
    public void AnArnWithCharactersTheBackendAllowsButAShellReadsIsRefused() =>
        Assert.Throws<ArgumentException>(() => CredentialProcessCommand.Format(CredentialProcessClient.PowerShell(),
            Request with { Role = "arn:aws:iam::123456789012:role/$x/Developer" }));

    [Theory]
    [InlineData("pw\"sh")]
    [InlineData("C:\\Program Files\\PowerShell\\7\\pwsh.exe")]
    [InlineData("")]
    public void AnUnsafeExecutableIsRefused(string executable) =>
        Assert.Throws<ArgumentException>(() => CredentialProcessClient.PowerShell(executable));

    [Fact]
    public void ArgumentsAreQuotedOnlyWhenNeeded() =>
        Assert.Equal("a-b.c/d:e=f@g+h,i \"x y\" \"it's\" \"a;b\"", CredentialProcessCommand.Join(new[] { "a-b.c/d:e=f@g+h,i", "x y", "it's", "a;b" }));

    [Theory]
    [InlineData("a ;b")]
    [InlineData("a\"b")]
    [InlineData("a\\b")]
    [InlineData("$x")]
    [InlineData("")]
    public void JoinRefusesWhatItCannotQuote(string argument) =>
        Assert.Throws<ArgumentException>(() => CredentialProcessCommand.Join(new[] { argument }));

    // What botocore does with the line on Linux and macOS: shlex.split (compat_shell_split).
    [Fact]
    public async Task PythonShlexSplitsTheLineIntoExactlyTheIntendedArguments()
    {
        if (OperatingSystem.IsWindows()) return;
        var requests = new[]
        {
            Request,
            Request with { SecondaryAccountName = "bob@example.com", DurationSeconds = 900, Region = "us-gov-west-1", TotpCodeCommand = "ykman oath accounts code -s stsftw | cut -c1-6" },
            Request with { Endpoint = "http://[::1]:8080/", Role = "arn:aws:iam::123456789012:role/a+b/c=d,e.f@g_h-i" },
        };
        foreach (var request in requests)
        {
            var client = CredentialProcessClient.PowerShell();
            var expected = CredentialProcessCommand.Arguments(client, request);
            var split = await ShlexSplitAsync(CredentialProcessCommand.Format(client, request));
            Assert.Equal(expected, split);
        }
    }

    private static async Task<IReadOnlyList<string>> ShlexSplitAsync(string line)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import shlex, sys\nfor a in shlex.split(sys.argv[1]): sys.stdout.write(a + '\\0')");
        start.ArgumentList.Add(line);
        using var python = Process.Start(start)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.Equal(0, python.ExitCode);
        return output.Split('\0', StringSplitOptions.None)[..^1];
    }

    private sealed class NativeStandIn : CredentialProcessClient
    {
        public override IReadOnlyList<string> Arguments(CredentialProcessRequest request) => new[]
        {
            "stsftw", "credential-process", "--endpoint", request.Endpoint, "--issuer", request.Issuer,
            "--account-name", request.AccountName, "--role", request.Role,
        };
    }
}
