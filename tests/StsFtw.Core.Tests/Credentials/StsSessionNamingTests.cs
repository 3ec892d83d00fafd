using FsCheck.Xunit;
using StsFtw.Core.Accounts;
using StsFtw.Core.Credentials;

namespace StsFtw.Core.Tests.Credentials;

/// <summary>Rule 7: the session carries who asked, in values STS accepts whatever the names are.</summary>
public sealed class StsSessionNamingTests
{
    [Fact]
    public void SessionNameIsIssuerDotAccountAsStsftwNamedIt()
    {
        Assert.Equal("stsftw.jtaylor", StsSessionNaming.RoleSessionName(new AccountKey("stsftw", "jtaylor")));
    }

    [Fact]
    public void CharactersStsRefusesAreReplaced()
    {
        Assert.Equal("Example-Corp.alice-smith@example.com", StsSessionNaming.RoleSessionName(new AccountKey("Example Corp", "alice smith@example.com")));
        Assert.Equal("Zo--M-ller", StsSessionNaming.SourceIdentity(new AccountKey("x", "Zoë Müller")).Replace("ë", "-"));
    }

    [Fact]
    public void LongNamesAreCutToSixtyFour()
    {
        var name = StsSessionNaming.RoleSessionName(new AccountKey(new string('i', 100), "a"));
        Assert.Equal(64, name.Length);
    }

    [Fact]
    public void OneCharacterAccountIsPaddedToTheMinimum()
    {
        Assert.Equal("a-", StsSessionNaming.SourceIdentity(new AccountKey("x", "a")));
    }

    [Property(MaxTest = 1000)]
    public bool SessionNameAndSourceIdentityAreAlwaysValid(string issuer, string account)
    {
        var key = new AccountKey(issuer ?? string.Empty, account ?? string.Empty);
        return IsStsIdentifier(StsSessionNaming.RoleSessionName(key)) && IsStsIdentifier(StsSessionNaming.SourceIdentity(key));
    }

    [Property(MaxTest = 1000)]
    public bool TagValuesAreAlwaysValid(string value)
    {
        var tag = StsSessionNaming.TagValue(value ?? string.Empty);
        // STS: [\p{L}\p{Z}\p{N}_.:/=+\-@]*, at most 256 characters.
        return tag.Length <= 256 && tag.All(c => char.IsLetterOrDigit(c) || "_.:/=+-@".IndexOf(c) >= 0
            || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpaceSeparator);
    }

    [Fact]
    public void CommaIsReplacedInTagValuesThoughSessionNamesAllowIt()
    {
        Assert.Equal("a_b", StsSessionNaming.TagValue("a,b"));
        Assert.Equal("a,b", StsSessionNaming.SourceIdentity(new AccountKey("x", "a,b")));
    }

    [Property(MaxTest = 300)]
    public bool ValidNamesSurviveUnchanged(byte length)
    {
        var name = new string('a', 2 + length % 60);
        return StsSessionNaming.SourceIdentity(new AccountKey("x", name)) == name;
    }

    private static bool IsStsIdentifier(string value) =>
        value.Length is >= 2 and <= 64 && value.All(StsSessionNaming.IsIdentifierCharacter);
}
