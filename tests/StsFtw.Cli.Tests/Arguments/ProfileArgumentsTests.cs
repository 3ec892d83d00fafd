using StsFtw.Cli.Arguments;
using StsFtw.Cli.Tests.Support;
using StsFtw.Client.Profiles;

namespace StsFtw.Cli.Tests.Arguments;

/// <summary><c>profile register|unregister</c> bind as Register-StsProfile and Unregister-StsProfile do.</summary>
public sealed class ProfileArgumentsTests
{
    private static FakeEnvironment AllVariables() => new(
        ("STS_ENDPOINT", "https://variable.example.com/"), ("STS_ISSUER", "VarIssuer"), ("STS_ACCOUNT_NAME", "bob"), ("STS_ROLE", "VarRole"),
        ("STS_SECONDARY_ACCOUNT_NAME", "carol"), ("STS_CREDENTIAL_REGION", "eu-west-1"), ("STS_DURATION_SECONDS", "1800"),
        ("STS_TOTP_CODE_COMMAND", "echo 123456"));

    [Fact]
    public void RegisterTakesTheSettingsFromVariablesButRegionAndCodeCommandOnlyFromFlags()
    {
        var bound = ProfileArguments.ParseRegister(["work"], AllVariables());

        Assert.Equal("work", bound.Name);
        Assert.Equal(new CredentialProcessRequest("https://variable.example.com/", "VarIssuer", "bob", "VarRole")
        {
            SecondaryAccountName = "carol",
            DurationSeconds = 1800,
        }, bound.Request);
        Assert.False(bound.Force);
    }

    [Fact]
    public void RegisterFlagsWinOverVariables()
    {
        var bound = ProfileArguments.ParseRegister(
            ["--endpoint=https://sts.example.com/", "work", "--role", "Admin", "--secondary-account-name", "dave", "--duration-seconds", "3600",
             "--region", "eu-central-1", "--totp-code-command", "op item get AWS --otp", "--config-file", "cfg", "--force"], AllVariables());

        Assert.Equal(new CredentialProcessRequest("https://sts.example.com/", "VarIssuer", "bob", "Admin")
        {
            SecondaryAccountName = "dave",
            DurationSeconds = 3600,
            Region = "eu-central-1",
            TotpCodeCommand = "op item get AWS --otp",
        }, bound.Request);
        Assert.True(bound.Force);
        Assert.Equal(Path.GetFullPath("cfg"), bound.ConfigFilePath(new FakeEnvironment()));
    }

    [Theory]
    [InlineData("work", "--totp-code", "123456")]
    [InlineData("work", "--shell", "fish")]
    [InlineData("work", "--no-cache")]
    [InlineData("work", "other")]
    [InlineData("--force")]
    [InlineData("bad name", "--force")]
    [InlineData("work", "--duration-seconds", "60")]
    [InlineData("work", "--secondary-authorizer", "x", "--secondary-account-name", "y")]
    public void RegisterRefusesWhatAProfileCannotHold(params string[] args)
    {
        Assert.Throws<UsageException>(() => ProfileArguments.ParseRegister(args, AllVariables()));
    }

    [Fact]
    public void RegisterNamesEveryMissingSetting()
    {
        var e = Assert.Throws<UsageException>(() => ProfileArguments.ParseRegister(["work"], new FakeEnvironment()));

        Assert.Equal("Missing: --endpoint (or STS_ENDPOINT), --issuer (or STS_ISSUER), --account-name (or STS_ACCOUNT_NAME), --role (or STS_ROLE).", e.Message);
    }

    [Fact]
    public void UnregisterTakesANameAndAConfigFileOnly()
    {
        Assert.Equal("work", ProfileArguments.ParseUnregister(["work", "--config-file", "/tmp/cfg"]).Name);
        Assert.Throws<UsageException>(() => ProfileArguments.ParseUnregister(["work", "--force"]));
        Assert.Throws<UsageException>(() => ProfileArguments.ParseUnregister([]));
    }
}
