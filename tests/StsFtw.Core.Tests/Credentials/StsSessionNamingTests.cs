using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StsFtw.Core.Accounts;
using StsFtw.Core.Credentials;

namespace StsFtw.Core.Tests.Credentials;

/// <summary>Rule 7: the session carries who asked, in values STS accepts whatever the names are, and no two accounts share one.</summary>
public sealed class StsSessionNamingTests
{
    [Fact]
    public void SourceIdentityIsIssuerAtAccount()
    {
        Assert.Equal("stsftw@jtaylor", StsSessionNaming.SourceIdentity(new AccountKey("stsftw", "jtaylor")));
        Assert.Equal("Example=20Corp@alice@example.com", StsSessionNaming.SourceIdentity(new AccountKey("Example Corp", "alice@example.com")));
    }

    [Theory]
    [InlineData("Example", "alice", "Example@alice")]
    [InlineData("Example Corp", "alice@example.com", "Example=20Corp@alice@example.com")]
    [InlineData("Example", "alice smith", "Example@alice=20smith")]
    [InlineData("Example", "alice-smith", "Example@alice-smith")]
    [InlineData("Example", "Zoë", "Example@Zo=C3=AB")]
    public void ReadmeExamplesAreWhatTheSessionCarries(string issuer, string account, string expected) =>
        Assert.Equal(expected, StsSessionNaming.SourceIdentity(new AccountKey(issuer, account)));

    [Fact]
    public void SessionNameIsTheSourceIdentity()
    {
        var account = new AccountKey("Example Corp", "alice smith@example.com");
        Assert.Equal(StsSessionNaming.SourceIdentity(account), StsSessionNaming.RoleSessionName(account));
    }

    [Theory]
    [InlineData("x", "alice smith", "x", "alice-smith")]
    [InlineData("x", "alice smith", "x", "alice=20smith")]
    [InlineData("x", "Zoë", "x", "Zo=C3=AB")]
    [InlineData("corp-a", "alice", "corp-b", "alice")]
    [InlineData("a@b", "c", "a", "b@c")]
    [InlineData("a.b", "c", "a", "b.c")]
    public void AttributionCannotCollideBetweenAccounts(string issuer1, string account1, string issuer2, string account2)
    {
        var first = new AccountKey(issuer1, account1);
        var second = new AccountKey(issuer2, account2);
        Assert.NotEqual(StsSessionNaming.SourceIdentity(first), StsSessionNaming.SourceIdentity(second));
        Assert.NotEqual(StsSessionNaming.TagValue(account1 + "|" + issuer1), StsSessionNaming.TagValue(account2 + "|" + issuer2));
    }

    [Fact]
    public void LoneSurrogatesDoNotCollideWithEachOtherOrTheReplacementCharacter()
    {
        var values = new[] { "a\uD800", "a\uD801", "a\uFFFD", "a\uDC00" }
            .Select(name => StsSessionNaming.SourceIdentity(new AccountKey("x", name)))
            .ToArray();
        Assert.Equal(values.Length, values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void CharactersStsRefusesAreEscapedAsUtf8Hex()
    {
        Assert.Equal("x@alice=20smith", StsSessionNaming.SourceIdentity(new AccountKey("x", "alice smith")));
        Assert.Equal("x@Zo=C3=AB=20M=C3=BCller", StsSessionNaming.SourceIdentity(new AccountKey("x", "Zoë Müller")));
        Assert.Equal("x@a=3Db", StsSessionNaming.SourceIdentity(new AccountKey("x", "a=b")));
        Assert.Equal("a=40b@c", StsSessionNaming.SourceIdentity(new AccountKey("a@b", "c")));
    }

    [Fact]
    public void NoSourceIdentityCanStartWithTheReservedAwsPrefix()
    {
        Assert.Equal("aws=3A@x", StsSessionNaming.SourceIdentity(new AccountKey("aws:", "x")));
    }

    [Fact]
    public void LongNamesAreCutToSixtyFourWithADigestOfTheWholePair()
    {
        var first = StsSessionNaming.SourceIdentity(new AccountKey("corp", new string('a', 100) + "1"));
        var second = StsSessionNaming.SourceIdentity(new AccountKey("corp", new string('a', 100) + "2"));
        Assert.Equal(64, first.Length);
        Assert.StartsWith("corp@aaaa", first, StringComparison.Ordinal);
        Assert.Equal(StsSessionNaming.CutMarker, first.Substring(64 - StsSessionNaming.DigestLength - 2, 2));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ACutNeverEndsInHalfAnEscape()
    {
        for (var padding = 0; padding < 6; padding++)
        {
            var value = StsSessionNaming.SourceIdentity(new AccountKey("x", new string('a', 40 + padding) + new string(' ', 20)));
            var readable = value.Substring(0, value.Length - StsSessionNaming.DigestLength - StsSessionNaming.CutMarker.Length);
            Assert.Matches("^x@a+(=20)*$", readable);
        }
    }

    [Fact]
    public void EmptyNamesStillGiveAValidDistinctValue()
    {
        var empty = StsSessionNaming.SourceIdentity(new AccountKey(string.Empty, string.Empty));
        Assert.True(IsStsIdentifier(empty));
        Assert.NotEqual(empty, StsSessionNaming.SourceIdentity(new AccountKey(string.Empty, "=")));
    }

    [Property(MaxTest = 1000)]
    public bool SessionNameAndSourceIdentityAreAlwaysValid(string issuer, string account)
    {
        var key = new AccountKey(issuer ?? string.Empty, account ?? string.Empty);
        return IsStsIdentifier(StsSessionNaming.RoleSessionName(key)) && IsStsIdentifier(StsSessionNaming.SourceIdentity(key));
    }

    [Property(MaxTest = 1000)]
    public bool AnUncutSourceIdentityDecodesBackToItsPair(string issuer, string account)
    {
        var key = new AccountKey(issuer ?? string.Empty, account ?? string.Empty);
        var value = StsSessionNaming.SourceIdentity(key);
        if (value.Contains(StsSessionNaming.CutMarker, StringComparison.Ordinal)) return true;
        var separator = value.IndexOf(StsSessionNaming.Separator);
        return Decode(value.Substring(0, separator)).SequenceEqual(StsSessionNaming.Bytes(key.Issuer))
            && Decode(value.Substring(separator + 1)).SequenceEqual(StsSessionNaming.Bytes(key.AccountName));
    }

    [Property(MaxTest = 1000)]
    public Property DistinctPairsNeverShareASourceIdentityEvenWhenCut(NonNull<string> issuer, NonNull<string> account, char changed, byte position, byte padding)
    {
        // Pairs that differ in one character, with padding that often pushes both past the 64-character cut.
        var longAccount = account.Get + new string('a', padding % 80);
        var index = position % (longAccount.Length + 1);
        var other = longAccount.Insert(index, changed.ToString());
        var first = StsSessionNaming.SourceIdentity(new AccountKey(issuer.Get, longAccount));
        var second = StsSessionNaming.SourceIdentity(new AccountKey(issuer.Get, other));
        var movedSeparator = StsSessionNaming.SourceIdentity(new AccountKey(issuer.Get + changed, longAccount));
        var swapped = StsSessionNaming.SourceIdentity(new AccountKey(longAccount, issuer.Get));
        return (first != second && first != movedSeparator && (issuer.Get == longAccount || first != swapped))
            .Label($"{first} / {second} / {movedSeparator} / {swapped}");
    }

    [Property(MaxTest = 1000)]
    public bool TagValuesAreAlwaysValid(string value)
    {
        var tag = StsSessionNaming.TagValue(value ?? string.Empty);
        // STS: [\p{L}\p{Z}\p{N}_.:/=+\-@]*, at most 256 characters.
        return tag.Length <= 256 && tag.All(c => char.IsLetterOrDigit(c) || "_.:/=+-@".IndexOf(c) >= 0
            || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpaceSeparator);
    }

    [Property(MaxTest = 1000)]
    public bool DistinctTagValuesStayDistinct(NonNull<string> value, char added, byte padding)
    {
        var longValue = value.Get + new string('b', padding);
        return StsSessionNaming.TagValue(longValue) != StsSessionNaming.TagValue(longValue + added);
    }

    [Fact]
    public void TagValuesEscapeRatherThanReplace()
    {
        Assert.Equal("a=2Cb", StsSessionNaming.TagValue("a,b"));
        Assert.Equal("a=3Db", StsSessionNaming.TagValue("a=b"));
        Assert.Equal("Zoë Müller", StsSessionNaming.TagValue("Zoë Müller"));
        Assert.NotEqual(StsSessionNaming.TagValue("a,b"), StsSessionNaming.TagValue("a_b"));
    }

    [Property(MaxTest = 300)]
    public bool ValidNamesSurviveUnchanged(byte length)
    {
        var name = new string('a', 1 + length % 60);
        return StsSessionNaming.SourceIdentity(new AccountKey("x", name)) == "x@" + name;
    }

    private static bool IsStsIdentifier(string value) =>
        value.Length is >= 2 and <= 64 && value.All(StsSessionNaming.IsIdentifierCharacter);

    private static byte[] Decode(string escaped)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == StsSessionNaming.EscapeCharacter)
            {
                bytes.Add(Convert.ToByte(escaped.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.ASCII.GetBytes(escaped[i].ToString()));
            }
        }
        return bytes.ToArray();
    }
}
