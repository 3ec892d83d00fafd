using StsFtw.Cli.Arguments;
using StsFtw.Cli.Tests.Support;

namespace StsFtw.Cli.Tests.Arguments;

/// <summary><c>enroll --invitation</c> binds as Register-StsDevice does; the admin's flags do not apply to it.</summary>
public sealed class InvitationArgumentsTests
{
    private const string Code = "inv1-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567";

    private static FakeEnvironment Variables() => new(("STS_ENDPOINT", "https://sts.example.com/"), ("STS_ISSUER", "Example"), ("STS_ACCOUNT_NAME", "alice"));

    [Fact]
    public void TheEndpointIssuerAndAccountComeFromTheirVariables()
    {
        var bound = InvitationArguments.Parse(["--invitation", Code], Variables());

        Assert.Equal((Code, "https://sts.example.com/", "Example", "alice"), (bound.InvitationCode, bound.Endpoint, bound.Issuer, bound.AccountName));
        Assert.False(bound.ShowUri || bound.Json);
    }

    [Fact]
    public void FlagsWinOverVariables()
    {
        var bound = InvitationArguments.Parse(
            ["--invitation=" + Code, "--endpoint", "http://127.0.0.1:9/", "--issuer", "Other", "--account-name", "bob", "--show-uri", "--json"], Variables());

        Assert.Equal(("http://127.0.0.1:9/", "Other", "bob"), (bound.Endpoint, bound.Issuer, bound.AccountName));
        Assert.True(bound.ShowUri && bound.Json);
    }

    [Fact]
    public void MissingSettingsAreNamedWithTheirVariables()
    {
        var error = Assert.Throws<UsageException>(() => InvitationArguments.Parse(["--invitation", Code], new FakeEnvironment()));

        Assert.Contains("--endpoint (or STS_ENDPOINT)", error.Message);
        Assert.Contains("--account-name (or STS_ACCOUNT_NAME)", error.Message);
    }

    [Theory]
    [InlineData("--current-code", "123456")]
    [InlineData("--current-code=123456")]
    public void OldDevicesCodeIsNeverTakenFromTheCommandLine(params string[] words)
    {
        var error = Assert.Throws<UsageException>(() => InvitationArguments.Parse(["--invitation", Code, .. words], Variables()));

        Assert.Contains("--current-code", error.Message);
        Assert.DoesNotContain("123456", error.Message);
    }

    [Theory]
    [InlineData("--table-name")]
    [InlineData("--roles")]
    [InlineData("--kms-key-id")]
    public void TheAdminsFlagsAreRefusedWithAnInvitation(string flag)
    {
        var error = Assert.Throws<UsageException>(() => InvitationArguments.Parse(["--invitation", Code, flag, "x"], Variables()));

        Assert.Contains(flag, error.Message);
    }

    [Fact]
    public void OnlyTheInvitationFlagSelectsThePersonsWay()
    {
        Assert.True(InvitationArguments.IsRequested(["--invitation", Code]));
        Assert.True(InvitationArguments.IsRequested(["--invitation=" + Code]));
        Assert.False(InvitationArguments.IsRequested(["--account-name", "--invitation-like"]));
    }

    [Fact]
    public void PrintingTheArgumentsHidesTheCode() =>
        Assert.DoesNotContain(Code, InvitationArguments.Parse(["--invitation", Code], Variables()).ToString());
}
