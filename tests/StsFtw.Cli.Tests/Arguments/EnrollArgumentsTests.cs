using StsFtw.Cli.Arguments;
using StsFtw.Cli.Tests.Support;

namespace StsFtw.Cli.Tests.Arguments;

/// <summary><c>enroll</c> binds as New-StsEnrollment does, and refuses a plaintext secret unless asked for one.</summary>
public sealed class EnrollArgumentsTests
{
    private static FakeEnvironment AllVariables() => new(
        ("STS_ISSUER", "VarIssuer"), ("STS_ACCOUNT_NAME", "bob"), ("STS_TABLE_NAME", "var-table"), ("STS_REGION", "eu-west-1"),
        ("STS_KMS_KEY_ID", "alias/var"), ("STS_ROLES", " ReadOnly , Admin ,"), ("STS_SECONDARY_AUTHORIZERS", "carol,dave"));

    [Fact]
    public void TheSettingsComeFromTheVariablesNewStsEnrollmentReads()
    {
        var bound = EnrollArguments.Parse([], AllVariables());

        Assert.Equal(("VarIssuer", "bob", "var-table", "eu-west-1", "alias/var"), (bound.Issuer, bound.AccountName, bound.TableName, bound.Region, bound.KmsKeyId));
        Assert.Equal(["ReadOnly", "Admin"], bound.Roles);
        Assert.Equal(["carol", "dave"], bound.SecondaryAuthorizers);
        Assert.False(bound.ShowUri || bound.Force || bound.Json);
        Assert.Null(bound.QrFile);
    }

    [Fact]
    public void FlagsWinOverVariables()
    {
        var bound = EnrollArguments.Parse(
            ["--issuer", "Example", "--account-name=alice", "--table-name", "t", "--roles", "r1,r2", "--secondary-authorizers", "erin",
             "--kms-key-id", "alias/k", "--region", "us-east-1", "--qr-file", "a.png", "--show-uri", "--force", "--json"], AllVariables());

        Assert.Equal(("Example", "alice", "t", "us-east-1", "alias/k"), (bound.Issuer, bound.AccountName, bound.TableName, bound.Region, bound.KmsKeyId));
        Assert.Equal(["r1", "r2"], bound.Roles);
        Assert.Equal(["erin"], bound.SecondaryAuthorizers);
        Assert.Equal("a.png", bound.QrFile);
        Assert.True(bound.ShowUri && bound.Force && bound.Json);
    }

    [Fact]
    public void MissingSettingsAreNamedWithTheirVariables()
    {
        var e = Assert.Throws<UsageException>(() => EnrollArguments.Parse(["--issuer", "Example"], new FakeEnvironment()));
        Assert.Equal("Missing: --account-name (or STS_ACCOUNT_NAME), --table-name (or STS_TABLE_NAME).", e.Message);
    }

    [Fact]
    public void APlaintextSecretIsRefusedWithoutAllowPlaintextSecret()
    {
        var e = Assert.Throws<UsageException>(() => EnrollArguments.Parse(["--issuer", "I", "--account-name", "a", "--table-name", "t"], new FakeEnvironment()));
        Assert.Contains("--allow-plaintext-secret", e.Message, StringComparison.Ordinal);
        Assert.Contains("--kms-key-id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowPlaintextSecretPermitsATableWithoutAKey()
    {
        var bound = EnrollArguments.Parse(["--issuer", "I", "--account-name", "a", "--table-name", "t", "--allow-plaintext-secret"], new FakeEnvironment());
        Assert.Null(bound.KmsKeyId);
    }

    [Fact]
    public void AllowPlaintextSecretWithAKeyIsRefused()
    {
        Assert.Throws<UsageException>(() => EnrollArguments.Parse(["--allow-plaintext-secret"], AllVariables()));
    }

    [Theory]
    [InlineData("--role")]
    [InlineData("--totp-code")]
    [InlineData("alice")]
    public void UnknownFlagsAndStrayWordsAreUsageErrors(string word)
    {
        Assert.Throws<UsageException>(() => EnrollArguments.Parse([word, "x"], AllVariables()));
    }

    [Fact]
    public void AFlagGivenTwiceIsAUsageError()
    {
        Assert.Throws<UsageException>(() => EnrollArguments.Parse(["--roles", "a", "--roles", "b"], AllVariables()));
    }
}
