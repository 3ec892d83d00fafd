using StsFtw.Client.Files;

namespace StsFtw.Client.Tests.Files;

public sealed class SharedCredentialsFileTests
{
    private static readonly BrokeredCredentials Credentials = new("AKNEW", "secret", "token");

    [Fact]
    public void NewProfileIsAppendedAfterABlankLine() =>
        Assert.Equal("[default]\nregion = x\n\n[sts]\naws_access_key_id = AKNEW\naws_secret_access_key = secret\naws_session_token = token\n",
            SharedCredentialsFile.SetProfile("[default]\nregion = x\n", "sts", Credentials));

    [Fact]
    public void ExistingProfileKeepsItsOtherKeysAndItsNeighbours()
    {
        var text = SharedCredentialsFile.SetProfile("[a]\nx = 1\n\n[sts]\nregion = r\naws_access_key_id = OLD\naws_session_token = OLD\n\n[b]\ny = 2\n", "sts", Credentials);
        Assert.Equal("[a]\nx = 1\n\n[sts]\nregion = r\naws_access_key_id = AKNEW\naws_secret_access_key = secret\naws_session_token = token\n\n[b]\ny = 2\n", text);
    }

    [Fact]
    public void ProfileNamesAreMatchedExactly()
    {
        var text = SharedCredentialsFile.SetProfile("[sts-old]\naws_access_key_id = KEEP\n", "sts", Credentials);
        Assert.Contains("[sts-old]\naws_access_key_id = KEEP\n", text);
        Assert.Equal("AKNEW", SharedCredentialsFile.Read(text, "sts", "aws_access_key_id"));
    }

    [Fact]
    public void RemoveDeletesOnlyThatSection()
    {
        var text = SharedCredentialsFile.RemoveProfile("[a]\nk = 1\n\n[b]\nk = 2\n", "a", out var removed);
        Assert.True(removed);
        Assert.Equal("[b]\nk = 2\n", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a]b")]
    [InlineData("a\nb")]
    [InlineData("has space")]
    public void ProfileNamesThatCouldBreakTheFileAreRefused(string profile) =>
        Assert.NotNull(SharedCredentialsFile.CheckProfileName(profile));

    [Fact]
    public void OwnerOnlyFileReplacesAtomicallyWithMode0600()
    {
        if (OperatingSystem.IsWindows()) return;
        var directory = Directory.CreateTempSubdirectory("stsftw-owner").FullName;
        try
        {
            var path = Path.Combine(directory, "credentials");
            File.WriteAllText(path, "old");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            OwnerOnlyFile.WriteAtomically(path, "new"u8.ToArray());
            Assert.Equal("new", File.ReadAllText(path));
            Assert.False(OwnerOnlyFile.IsAccessibleToOthers(path));
            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
