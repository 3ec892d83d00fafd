using StsFtw.Client.Files;

namespace StsFtw.Client.Tests.Files;

public sealed class AwsConfigFileTests
{
    private static readonly KeyValuePair<string, string>[] Settings =
    {
        new("credential_process", "pwsh -Command \"Get-StsCredential -AsCredentialProcess\""),
        new("region", "eu-west-1"),
    };

    private const string Section = "[profile dev]\ncredential_process = pwsh -Command \"Get-StsCredential -AsCredentialProcess\"\nregion = eu-west-1\n";

    [Fact]
    public void NewProfileIsAppendedAfterABlankLineAndTheRestIsKept()
    {
        var existing = "# my settings\n[default]\nregion = us-east-1\n";
        Assert.Equal(existing + "\n" + Section, AwsConfigFile.SetProfile(existing, "dev", Settings));
    }

    [Fact]
    public void AFileWithoutAFinalNewlineGetsOneBeforeTheNewSection() =>
        Assert.Equal("[default]\nregion = x\n\n" + Section, AwsConfigFile.SetProfile("[default]\nregion = x", "dev", Settings));

    [Fact]
    public void NoFileGivesJustTheSection() => Assert.Equal(Section, AwsConfigFile.SetProfile(null, "dev", Settings));

    [Fact]
    public void TheDefaultProfileIsTheDefaultSectionAndOthersAreProfileSections()
    {
        Assert.Equal("[default]", AwsConfigFile.SectionHeader("default"));
        Assert.Equal("[profile dev]", AwsConfigFile.SectionHeader("dev"));
        Assert.StartsWith("[default]\ncredential_process", AwsConfigFile.SetProfile(null, "default", Settings), StringComparison.Ordinal);
    }

    [Fact]
    public void ABareSectionIsNotAProfileOfTheConfigFile()
    {
        var existing = "[dev]\nregion = keep\n";
        Assert.False(AwsConfigFile.HasProfile(existing, "dev"));
        Assert.Equal(existing + "\n" + Section, AwsConfigFile.SetProfile(existing, "dev", Settings));
    }

    [Fact]
    public void ProfileDefaultIsTheDefaultProfileToo() => Assert.True(AwsConfigFile.HasProfile("[profile default]\nregion = x\n", "default"));

    [Fact]
    public void ExtraSpacesInTheHeaderStillNameTheProfile() => Assert.True(AwsConfigFile.HasProfile("[ profile   dev ]\nregion = x\n", "dev"));

    [Fact]
    public void ProfileNamesAreMatchedExactly()
    {
        var existing = "[profile dev-old]\nregion = keep\n\n[profile Dev]\nregion = keep\n";
        Assert.False(AwsConfigFile.HasProfile(existing, "dev"));
        Assert.Equal(existing + "\n" + Section, AwsConfigFile.SetProfile(existing, "dev", Settings));
    }

    [Fact]
    public void ReplacingAProfileDropsItsOldKeysAndKeepsItsPlaceAndItsNeighbours()
    {
        var before = "[default]\nregion = us-east-1\n\n";
        var after = "\n# production, careful\n[profile prod]\noutput = json\n";
        var text = AwsConfigFile.SetProfile(before + "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Old\n# inner comment\nsource_profile = default\n" + after, "dev", Settings);
        Assert.Equal(before + Section + after, text);
    }

    [Fact]
    public void ReplacingTheLastProfileOfAFileWithoutAFinalNewlineKeepsItWithout() =>
        Assert.Equal(Section.TrimEnd('\n'), AwsConfigFile.SetProfile("[profile dev]\nregion = old", "dev", Settings));

    [Fact]
    public void RepeatedSectionsOfTheProfileAreReplacedByOne()
    {
        var text = AwsConfigFile.SetProfile("[profile dev]\nregion = a\n\n[profile x]\nk = 1\n\n[profile dev]\nregion = b\n", "dev", Settings);
        Assert.Equal(Section + "\n[profile x]\nk = 1\n", text);
    }

    [Fact]
    public void CrlfFilesStayCrlfAndTheirLinesAreUntouched()
    {
        var existing = "# top\r\n[default]\r\nregion = us-east-1\r\n";
        var text = AwsConfigFile.SetProfile(existing, "dev", Settings);
        Assert.Equal(existing + "\r\n" + Section.Replace("\n", "\r\n"), text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        Assert.Equal(existing, AwsConfigFile.RemoveProfile(text, "dev", out var removed));
        Assert.True(removed);
    }

    [Fact]
    public void RemoveDeletesOnlyThatSectionAndKeepsTheCommentsThatFollowIt()
    {
        var existing = "[default]\nregion = x\n\n[profile dev]\nregion = y\n\n# production\n[profile prod]\noutput = json\n";
        Assert.Equal("[default]\nregion = x\n\n# production\n[profile prod]\noutput = json\n", AwsConfigFile.RemoveProfile(existing, "dev", out var removed));
        Assert.True(removed);
    }

    [Fact]
    public void AddingThenRemovingGivesBackTheFile()
    {
        var existing = "; comment\n[default]\nregion = x\n\n[profile a]\nk = v\n";
        Assert.Equal(existing, AwsConfigFile.RemoveProfile(AwsConfigFile.SetProfile(existing, "dev", Settings), "dev", out _));
    }

    [Fact]
    public void RemovingAMissingProfileChangesNothing()
    {
        var existing = "[default]\r\nregion = x";
        Assert.Equal(existing, AwsConfigFile.RemoveProfile(existing, "dev", out var removed));
        Assert.False(removed);
    }

    [Fact]
    public void IndentedContinuationLinesBelongToTheSection() =>
        Assert.Equal("[default]\nx = 1\n", AwsConfigFile.RemoveProfile("[default]\nx = 1\n\n[profile dev]\ns3 =\n  max_concurrent_requests = 20\n", "dev", out _));

    [Fact]
    public void ReadFindsAKeyOfTheProfile() =>
        Assert.Equal("eu-west-1", AwsConfigFile.Read(AwsConfigFile.SetProfile("[default]\nregion = x\n", "dev", Settings), "dev", "region"));

    [Theory]
    [InlineData("")]
    [InlineData("a]b")]
    [InlineData("a\nb")]
    [InlineData("has space")]
    [InlineData("profile\tx")]
    public void ProfileNamesThatCouldBreakTheFileAreRefused(string profile) =>
        Assert.Throws<ArgumentException>(() => AwsConfigFile.SetProfile(null, profile, Settings));

    [Theory]
    [InlineData("a\nregion = evil")]
    [InlineData("a\rb")]
    [InlineData("a\u2028b")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("x ;comment")]
    [InlineData("x #comment")]
    [InlineData("")]
    public void ValuesThatCouldBreakTheFileAreRefused(string value) =>
        Assert.Throws<ArgumentException>(() => AwsConfigFile.SetProfile(null, "dev", new[] { new KeyValuePair<string, string>("region", value) }));

    [Theory]
    [InlineData("Region")]
    [InlineData("re gion")]
    [InlineData("region=")]
    [InlineData("[x]")]
    public void KeysThatCouldBreakTheFileAreRefused(string key) =>
        Assert.Throws<ArgumentException>(() => AwsConfigFile.SetProfile(null, "dev", new[] { new KeyValuePair<string, string>(key, "v") }));
}
