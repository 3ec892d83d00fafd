using StsFtw.Core.Totp;

namespace StsFtw.Core.Tests.Totp;

public sealed class TotpSecretTests
{
    [Fact]
    public void GeneratedSecretsAre160BitsAndDiffer()
    {
        var first = TotpSecret.Generate();
        var second = TotpSecret.Generate();

        Assert.Equal(20, first.Length);
        Assert.NotEqual(first.ToBase32(), second.ToBase32());
    }

    [Fact]
    public void Base32IsUnpaddedAndRoundTrips()
    {
        var secret = TotpSecret.Generate();

        Assert.DoesNotContain("=", secret.ToBase32(), StringComparison.Ordinal);
        Assert.Equal(secret.ToBytes(), TotpSecret.TryParseBase32(secret.ToBase32())!.ToBytes());
    }

    [Fact]
    public void Base32AcceptsLowerCaseSpacesAndPadding()
    {
        var secret = TotpSecret.Generate();
        var spaced = string.Join(" ", Chunk(secret.ToBase32().ToLowerInvariant(), 4)) + "====";

        Assert.Equal(secret.ToBytes(), TotpSecret.TryParseBase32(spaced)!.ToBytes());
    }

    [Theory]
    [InlineData("")]
    [InlineData("JBSWY3DPEHPK3PXP")]            // 80 bits: below RFC 4226's recommendation
    [InlineData("JBSWY3DPEHPK3PXP1BSWY3DPEHPK3PXP")] // '1' is not base32
    public void ShortOrMalformedSecretsAreRefused(string text)
    {
        Assert.Null(TotpSecret.TryParseBase32(text));
    }

    [Fact]
    public void SecretNeverPrintsItself()
    {
        var secret = TotpSecret.Generate();
        var key = new TotpKey("Example", "alice", secret);

        Assert.Equal("[redacted]", secret.ToString());
        Assert.DoesNotContain(secret.ToBase32(), key.ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Chunk(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size) yield return text.Substring(i, Math.Min(size, text.Length - i));
    }
}
