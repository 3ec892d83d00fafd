using StsFtw.Client.Output;

namespace StsFtw.Client.Tests.Output;

public sealed class ExportFormatterTests
{
    private static readonly BrokeredCredentials Credentials = new("ASIAEXAMPLE", "se'cr\\et/+", "to'ken")
    {
        Expiration = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    [Fact]
    public void BashLinesQuoteSingleQuotes()
    {
        var lines = ExportFormatter.Format(Credentials, ShellKind.Bash);
        Assert.Equal("export AWS_SECRET_ACCESS_KEY='se'\\''cr\\et/+'", lines[1]);
        Assert.Equal("export AWS_CREDENTIAL_EXPIRATION='2030-01-02T03:04:05Z'", lines[3]);
    }

    [Fact]
    public void FishEscapesQuotesAndBackslashes() =>
        Assert.Equal("set -gx AWS_SECRET_ACCESS_KEY 'se\\'cr\\\\et/+'", ExportFormatter.Format(Credentials, ShellKind.Fish)[1]);

    [Fact]
    public void PowerShellDoublesSingleQuotes() =>
        Assert.Equal("$env:AWS_SESSION_TOKEN = 'to''ken'", ExportFormatter.Format(Credentials, ShellKind.PowerShell)[2]);

    [Fact]
    public void CmdRefusesCharactersItCannotQuote() =>
        Assert.Throws<ArgumentException>(() => ExportFormatter.Line(ShellKind.Cmd, "AWS_SESSION_TOKEN", "a%PATH%b"));

    [Fact]
    public void LineBreakInAValueIsRefusedForEveryShell()
    {
        foreach (var shell in Enum.GetValues<ShellKind>())
        {
            Assert.Throws<ArgumentException>(() => ExportFormatter.Line(shell, "AWS_SESSION_TOKEN", "a\nexport EVIL=1"));
        }
    }

    [Fact]
    public void WithoutExpirationNoExpirationLineIsWritten() =>
        Assert.Equal(3, ExportFormatter.Format(new BrokeredCredentials("a", "b", "c"), ShellKind.Bash).Count);

    [Fact]
    public void CredentialProcessOmitsAnUnknownExpiration()
    {
        var json = CredentialProcessOutput.Format(new BrokeredCredentials("a", "b", "c"));
        Assert.Equal("{\"Version\":1,\"AccessKeyId\":\"a\",\"SecretAccessKey\":\"b\",\"SessionToken\":\"c\"}", json);
    }

    [Fact]
    public void CredentialsToStringHidesTheSecrets()
    {
        var text = Credentials.ToString();
        Assert.DoesNotContain("cr\\et", text);
        Assert.DoesNotContain("to'ken", text);
    }
}
