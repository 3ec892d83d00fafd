using StsFtw.Client.Profiles;

namespace StsFtw.Client.Tests.Profiles;

/// <summary><see cref="CredentialProcessClient.Native"/>: the line <c>stsftw profile register</c> writes.</summary>
public sealed class NativeCredentialProcessClientTests
{
    private static readonly CredentialProcessRequest Request = new("https://sts.example.com/", "Example Corp", "alice", "Developer");

    [Fact]
    public void TheNativeClientRunsTheBinaryByItsAbsolutePathWithStsftwsFlags() =>
        Assert.Equal(
            "\"/opt/st sftw/stsftw\" credential-process --endpoint https://sts.example.com/ --issuer \"Example Corp\" --account-name alice " +
            "--role Developer --secondary-authorizer bob --duration-seconds 3600 --region eu-west-1 --totp-code-command \"op item get AWS --otp\"",
            CredentialProcessCommand.Format(CredentialProcessClient.Native("/opt/st sftw/stsftw"), Request with
            {
                SecondaryAccountName = "bob",
                DurationSeconds = 3600,
                Region = "eu-west-1",
                TotpCodeCommand = "op item get AWS --otp",
            }));

    [Fact]
    public void TheNativeClientWritesOnlyTheSettingsGiven() =>
        Assert.Equal(
            ["/usr/local/bin/stsftw", "credential-process", "--endpoint", "https://sts.example.com/", "--issuer", "Example Corp", "--account-name", "alice", "--role", "Developer"],
            CredentialProcessCommand.Arguments(CredentialProcessClient.Native("/usr/local/bin/stsftw"), Request));

    [Theory]
    [InlineData("stsftw")]
    [InlineData("bin/stsftw")]
    [InlineData("")]
    [InlineData("/home/a$b/stsftw")]
    [InlineData("/home/a\"b/stsftw")]
    public void TheNativeClientRefusesAPathThatIsRelativeOrCannotBeWrittenSafely(string path)
    {
        Assert.Throws<ArgumentException>(() => CredentialProcessClient.Native(path));
    }
}
