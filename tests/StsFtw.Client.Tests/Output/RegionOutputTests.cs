using StsFtw.Client.Files;
using StsFtw.Client.Output;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Output;

/// <summary>The region in every output built from a credential: export lines, the environment, a shared-credentials profile.</summary>
public sealed class RegionOutputTests
{
    private static readonly BrokeredCredentials Credentials = new("ASIAEXAMPLE", "secret", "token")
    {
        Expiration = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    [Theory]
    [InlineData("eu-west-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("cn-north-1")]
    [InlineData("ap-southeast-4")]
    public void RegionNamesAreAccepted(string region) => Assert.Null(AwsRegionName.Check(region));

    [Theory]
    [InlineData("")]
    [InlineData("EU-WEST-1")]
    [InlineData("eu west 1")]
    [InlineData("eu-west-1'; rm -rf ~; '")]
    [InlineData("eu-west-1\nexport EVIL=1")]
    [InlineData("1eu-west")]
    [InlineData("euwest")]
    [InlineData("eu-west-")]
    [InlineData("eu-west-1-and-a-name-far-too-long-x")]
    public void AnythingElseIsRefused(string region) => Assert.NotNull(AwsRegionName.Check(region));

    [Theory]
    [InlineData(ShellKind.Bash, "export AWS_REGION='eu-west-1'", "export AWS_DEFAULT_REGION='eu-west-1'")]
    [InlineData(ShellKind.Fish, "set -gx AWS_REGION 'eu-west-1'", "set -gx AWS_DEFAULT_REGION 'eu-west-1'")]
    [InlineData(ShellKind.PowerShell, "$env:AWS_REGION = 'eu-west-1'", "$env:AWS_DEFAULT_REGION = 'eu-west-1'")]
    [InlineData(ShellKind.Cmd, "set \"AWS_REGION=eu-west-1\"", "set \"AWS_DEFAULT_REGION=eu-west-1\"")]
    public void ExportLinesEndWithBothRegionVariables(ShellKind shell, string region, string defaultRegion)
    {
        var lines = ExportFormatter.Format(Credentials, shell, "eu-west-1");
        Assert.Equal(6, lines.Count);
        Assert.Equal(region, lines[4]);
        Assert.Equal(defaultRegion, lines[5]);
    }

    [Fact]
    public void ExportLinesWithoutARegionAreTheFourCredentialLines()
    {
        Assert.Equal(ExportFormatter.Format(Credentials, ShellKind.Bash), ExportFormatter.Format(Credentials, ShellKind.Bash, null));
        Assert.Equal(4, ExportFormatter.Format(Credentials, ShellKind.Bash, null).Count);
    }

    [Fact]
    public void ExportRefusesARegionThatIsNotOne() =>
        Assert.Throws<ArgumentException>(() => ExportFormatter.Format(Credentials, ShellKind.Bash, "x'; evil"));

    [Fact]
    public void EnvironmentGetsBothRegionVariables()
    {
        var environment = new FakeEnvironment();
        CredentialEnvironment.Apply(environment, Credentials, "eu-west-1");
        Assert.Equal("eu-west-1", environment.Get("AWS_REGION"));
        Assert.Equal("eu-west-1", environment.Get("AWS_DEFAULT_REGION"));
        Assert.Equal("ASIAEXAMPLE", environment.Get("AWS_ACCESS_KEY_ID"));
    }

    [Fact]
    public void WithoutARegionTheEnvironmentKeepsThePersonsRegion()
    {
        var environment = new FakeEnvironment(("AWS_REGION", "us-east-2"), ("AWS_DEFAULT_REGION", "us-east-2"));
        CredentialEnvironment.Apply(environment, Credentials);
        Assert.Equal("us-east-2", environment.Get("AWS_REGION"));
        Assert.Equal("us-east-2", environment.Get("AWS_DEFAULT_REGION"));
    }

    [Fact]
    public void ClearingTheCredentialsKeepsTheRegion()
    {
        var environment = new FakeEnvironment();
        CredentialEnvironment.Apply(environment, Credentials, "eu-west-1");
        CredentialEnvironment.Clear(environment);
        Assert.Null(environment.Get("AWS_ACCESS_KEY_ID"));
        Assert.Equal("eu-west-1", environment.Get("AWS_REGION"));
    }

    [Fact]
    public void ABadRegionSetsNothing()
    {
        var environment = new FakeEnvironment();
        Assert.Throws<ArgumentException>(() => CredentialEnvironment.Apply(environment, Credentials, "Not A Region"));
        Assert.Null(environment.Get("AWS_ACCESS_KEY_ID"));
        Assert.Null(environment.Get("AWS_REGION"));
    }

    [Fact]
    public void NewProfileGetsItsRegion() =>
        Assert.Equal("[sts]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = secret\naws_session_token = token\nregion = eu-west-1\n",
            SharedCredentialsFile.SetProfile(null, "sts", Credentials, "eu-west-1"));

    [Fact]
    public void AProfilesRegionIsReplacedOnceAndItsNeighboursKept()
    {
        var text = SharedCredentialsFile.SetProfile("[sts]\nregion = us-east-1\noutput = json\naws_access_key_id = OLD\n\n[b]\nregion = keep-1\n", "sts", Credentials, "eu-west-1");
        Assert.Equal("[sts]\noutput = json\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = secret\naws_session_token = token\nregion = eu-west-1\n\n[b]\nregion = keep-1\n", text);
        Assert.Equal("eu-west-1", SharedCredentialsFile.Read(text, "sts", "region"));
    }

    [Fact]
    public void WithoutARegionAProfilesRegionStays() =>
        Assert.Equal("us-east-1", SharedCredentialsFile.Read(SharedCredentialsFile.SetProfile("[sts]\nregion = us-east-1\n", "sts", Credentials, null), "sts", "region"));

    [Fact]
    public void AProfileRefusesARegionThatIsNotOne() =>
        Assert.Throws<ArgumentException>(() => SharedCredentialsFile.SetProfile(null, "sts", Credentials, "eu-west-1\n[evil]"));
}
