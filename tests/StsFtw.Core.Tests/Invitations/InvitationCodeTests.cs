using StsFtw.Core.Accounts;
using StsFtw.Core.Invitations;

namespace StsFtw.Core.Tests.Invitations;

/// <summary>docs/INVITATIONS.md, "The code and its verifier": 160 random bits, pasteable, stored only as a verifier bound to the account.</summary>
public sealed class InvitationCodeTests
{
    private static readonly AccountKey Alice = new("Example", "alice");

    [Fact]
    public void RevealedCodeIsPrefixedEightGroupsOfFourBase32()
    {
        var text = InvitationCode.Generate().Reveal();

        Assert.Matches("^inv1(-[A-Z2-7]{4}){8}$", text);
    }

    [Fact]
    public void CodeParsesBackWhateverItsCaseSpacesAndHyphens()
    {
        var code = InvitationCode.Generate();
        var text = code.Reveal();
        var verifier = code.VerifierFor(Alice);

        foreach (var pasted in new[] { text, text.ToLowerInvariant(), text.Replace("-", string.Empty, StringComparison.Ordinal), text.Replace('-', ' '), " " + text + " " })
        {
            var parsed = InvitationCode.TryParse(pasted);
            Assert.NotNull(parsed);
            Assert.True(parsed.Matches(Alice, verifier));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("inv1")]
    [InlineData("inv2-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")]
    [InlineData("inv1-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAA")]
    [InlineData("inv1-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAAA")]
    [InlineData("inv1-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAA1")]
    [InlineData("inv1-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAA=")]
    [InlineData("inv1-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAÄ")]
    [InlineData("inv1_AAAA_AAAA_AAAA_AAAA_AAAA_AAAA_AAAA_AAAA")]
    public void MalformedCodeIsRefused(string? text) => Assert.Null(InvitationCode.TryParse(text));

    [Fact]
    public void OverlongTextIsRefusedBeforeItIsRead()
    {
        var text = InvitationCode.Generate().Reveal() + new string(' ', InvitationCode.MaximumTextLength);

        Assert.Null(InvitationCode.TryParse(text));
    }

    [Fact]
    public void CodeNeverShowsInToString()
    {
        var code = InvitationCode.Generate();

        Assert.Equal("[redacted]", code.ToString());
        Assert.DoesNotContain(code.Reveal()[5..9], $"{code}", StringComparison.Ordinal);
    }

    [Fact]
    public void VerifierIsBoundToTheAccount()
    {
        var code = InvitationCode.Generate();

        Assert.False(code.Matches(new AccountKey("Example", "mallory"), code.VerifierFor(Alice)));
        Assert.False(code.Matches(new AccountKey("Other", "alice"), code.VerifierFor(Alice)));
        Assert.True(code.Matches(Alice, code.VerifierFor(Alice)));
    }

    [Fact]
    public void AnotherCodeDoesNotMatchTheVerifier()
    {
        var verifier = InvitationCode.Generate().VerifierFor(Alice);

        Assert.False(InvitationCode.Generate().Matches(Alice, verifier));
        Assert.False(InvitationCode.Generate().Matches(Alice, null));
        Assert.False(InvitationCode.Generate().Matches(Alice, verifier[..16]));
    }

    [Fact]
    public void VerifierIsSha256SizedAndTheSameEachTime()
    {
        var code = InvitationCode.Generate();

        Assert.Equal(32, code.VerifierFor(Alice).Length);
        Assert.Equal(code.VerifierFor(Alice), InvitationCode.TryParse(code.Reveal())!.VerifierFor(Alice));
    }

    [Fact]
    public void GeneratedCodesAreDistinct()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => InvitationCode.Generate().Reveal()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1000, codes.Count);
    }
}
