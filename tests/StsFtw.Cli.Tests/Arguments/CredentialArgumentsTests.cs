using StsFtw.Cli.Arguments;
using StsFtw.Cli.Tests.Support;
using StsFtw.Client.Output;

namespace StsFtw.Cli.Tests.Arguments;

public sealed class CredentialArgumentsTests
{
    private static readonly string[] AllFlags =
        ["--endpoint", "https://sts.example.com/", "--issuer", "Example", "--account-name", "alice", "--role", "ReadOnly"];

    private static FakeEnvironment AllVariables() => new(
        ("STS_ENDPOINT", "https://variable.example.com/"), ("STS_ISSUER", "VarIssuer"), ("STS_ACCOUNT_NAME", "bob"), ("STS_ROLE", "VarRole"),
        ("STS_SECONDARY_ACCOUNT_NAME", "carol"), ("STS_CREDENTIAL_REGION", "eu-west-1"), ("STS_DURATION_SECONDS", "1800"),
        ("STS_TOTP_CODE_COMMAND", "echo 123456"), ("STS_SHELL", "fish"));

    [Fact]
    public void FlagsBindWithoutVariables()
    {
        var bound = CredentialArguments.Parse(AllFlags, new FakeEnvironment());

        Assert.Equal("https://sts.example.com/", bound.Endpoint);
        Assert.Equal("Example", bound.Issuer);
        Assert.Equal("alice", bound.AccountName);
        Assert.Equal("ReadOnly", bound.Role);
        Assert.Null(bound.SecondaryAccountName);
        Assert.Null(bound.DurationSeconds);
        Assert.Equal(ShellKind.Bash, bound.Shell);
        Assert.Equal(OutputKind.Export, bound.Output);
        Assert.False(bound.NoCache);
    }

    [Fact]
    public void VariablesBindWithoutFlags()
    {
        var bound = CredentialArguments.Parse([], AllVariables());

        Assert.Equal("https://variable.example.com/", bound.Endpoint);
        Assert.Equal("VarIssuer", bound.Issuer);
        Assert.Equal("bob", bound.AccountName);
        Assert.Equal("VarRole", bound.Role);
        Assert.Equal("carol", bound.SecondaryAccountName);
        Assert.Equal("eu-west-1", bound.Region);
        Assert.Equal(1800, bound.DurationSeconds);
        Assert.Equal("echo 123456", bound.TotpCodeCommand);
        Assert.Equal("STS_TOTP_CODE_COMMAND", bound.TotpCodeCommandSource);
        Assert.Equal(ShellKind.Fish, bound.Shell);
    }

    [Fact]
    public void AFlagWinsOverItsVariable()
    {
        var bound = CredentialArguments.Parse(
            [.. AllFlags, "--secondary-authorizer", "dave", "--region", "us-east-2", "--duration-seconds", "900", "--totp-code-command", "echo 654321", "--shell", "pwsh"],
            AllVariables());

        Assert.Equal("https://sts.example.com/", bound.Endpoint);
        Assert.Equal("Example", bound.Issuer);
        Assert.Equal("alice", bound.AccountName);
        Assert.Equal("ReadOnly", bound.Role);
        Assert.Equal("dave", bound.SecondaryAccountName);
        Assert.Equal("us-east-2", bound.Region);
        Assert.Equal(900, bound.DurationSeconds);
        Assert.Equal("echo 654321", bound.TotpCodeCommand);
        Assert.Equal("--totp-code-command", bound.TotpCodeCommandSource);
        Assert.Equal(ShellKind.PowerShell, bound.Shell);
    }

    [Fact]
    public void EqualsFormAndSwitchesBind()
    {
        var bound = CredentialArguments.Parse(
            ["--endpoint=https://sts.example.com/", "--issuer=Example", "--account-name=alice", "--role=ReadOnly", "--totp-code=123456", "--json", "--no-cache", "--refresh",
             "--secondary-account-name=erin", "--secondary-totp-code", "654321"],
            new FakeEnvironment());

        Assert.Equal("123456", bound.TotpCode);
        Assert.Equal(OutputKind.Json, bound.Output);
        Assert.True(bound.NoCache);
        Assert.True(bound.Refresh);
        Assert.Equal("erin", bound.SecondaryAccountName);
        Assert.Equal("654321", bound.SecondaryTotpCode);
    }

    [Fact]
    public void CacheOffVariableTurnsTheCacheOff() =>
        Assert.True(CredentialArguments.Parse(AllFlags, new FakeEnvironment(("STS_CACHE", "off"))).NoCache);

    [Theory]
    [InlineData("--duration-seconds", "899")]
    [InlineData("--duration-seconds", "3601")]
    [InlineData("--duration-seconds", "1h")]
    [InlineData("--shell", "tcsh")]
    [InlineData("--totp-code", "12ab56")]
    [InlineData("--region", "not a region")]
    public void BadValuesAreUsageErrors(string flag, string value)
    {
        var e = Assert.Throws<UsageException>(() => CredentialArguments.Parse([.. AllFlags, flag, value], new FakeEnvironment()));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void BadVariableNamesTheVariable()
    {
        var e = Assert.Throws<UsageException>(() => CredentialArguments.Parse(AllFlags, new FakeEnvironment(("STS_DURATION_SECONDS", "60"))));
        Assert.Contains("STS_DURATION_SECONDS", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("stray")]
    [InlineData("--role")]
    public void UnknownFlagsStrayWordsAndMissingValuesAreUsageErrors(string word) =>
        Assert.Throws<UsageException>(() => CredentialArguments.Parse([.. AllFlags, word], new FakeEnvironment()));

    [Fact]
    public void MissingSettingsAreNamedTogetherWithTheirVariables()
    {
        var e = Assert.Throws<UsageException>(() => CredentialArguments.Parse(["--issuer", "Example"], new FakeEnvironment()));

        Assert.Contains("--endpoint (or STS_ENDPOINT)", e.Message, StringComparison.Ordinal);
        Assert.Contains("--account-name (or STS_ACCOUNT_NAME)", e.Message, StringComparison.Ordinal);
        Assert.Contains("--role (or STS_ROLE)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("STS_ISSUER", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--shell")]
    public void CredentialProcessRefusesOutputFlags(string flag) =>
        Assert.Throws<UsageException>(() => CredentialArguments.Parse([.. AllFlags, flag, "bash"], new FakeEnvironment(), allowOutputFlags: false));

    [Fact]
    public void ACodeGivenTwiceIsAUsageError() =>
        Assert.Throws<UsageException>(() => CredentialArguments.Parse([.. AllFlags, "--role", "Other"], new FakeEnvironment()));
}
