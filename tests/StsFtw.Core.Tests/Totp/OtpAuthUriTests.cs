using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StsFtw.Core.Totp;
using StsFtw.Core.Validation;

namespace StsFtw.Core.Tests.Totp;

/// <summary>The key URI as Google Authenticator reads it and as STSFTW (pquerna/otp) writes its url attribute.</summary>
public sealed class OtpAuthUriTests
{
    private static readonly TotpSecret Secret = TotpSecret.TryParseBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")!;

    [Fact]
    public void FormatsExactlyAsStsftwWritesTheUrlAttribute()
    {
        var uri = new TotpKey("Example Corp", "alice@example.com", Secret).ToUri();

        Assert.Equal(
            "otpauth://totp/Example%20Corp:alice@example.com?algorithm=SHA1&digits=6&issuer=Example+Corp&period=30&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
            uri);
    }

    [Fact]
    public void ParsesAnStsftwUrl()
    {
        var key = OtpAuthUri.Parse("otpauth://totp/stsftw:jtaylor?algorithm=SHA1&digits=6&issuer=stsftw&period=30&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

        Assert.Equal("stsftw", key.Issuer);
        Assert.Equal("jtaylor", key.AccountName);
        Assert.Equal(Secret.ToBytes(), key.Secret.ToBytes());
    }

    [Theory]
    [InlineData("otpauth://totp/ACME%20Co:john.doe@email.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co", "ACME Co", "john.doe@email.com")]
    [InlineData("otpauth://totp/ACME:%20john?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "ACME", "john")]
    [InlineData("otpauth://totp/john?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME", "ACME", "john")]
    [InlineData("OTPAUTH://totp/ACME:john?SECRET=gezdgnbvgy3tqojqgezdgnbvgy3tqojq&ALGORITHM=sha1", "ACME", "john")]
    public void ParsesTheGoogleAuthenticatorVariants(string uri, string issuer, string account)
    {
        var key = OtpAuthUri.Parse(uri);

        Assert.Equal(issuer, key.Issuer);
        Assert.Equal(account, key.AccountName);
    }

    [Theory]
    [InlineData("otpauth://hotp/ACME:john?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=1", "otpauth://totp/")]
    [InlineData("otpauth://totp/ACME:john?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256", "SHA1")]
    [InlineData("otpauth://totp/ACME:john?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8", "6-digit")]
    [InlineData("otpauth://totp/ACME:john?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=60", "30-second")]
    [InlineData("otpauth://totp/ACME:john?issuer=Other&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "differs")]
    [InlineData("otpauth://totp/john?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "no issuer")]
    [InlineData("otpauth://totp/ACME:?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "no account")]
    [InlineData("otpauth://totp/ACME:john?issuer=ACME", "no secret")]
    [InlineData("otpauth://totp/ACME:john?secret=JBSWY3DPEHPK3PXP", "base32")]
    [InlineData("otpauth://totp/ACME:jo%zzhn?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "percent")]
    [InlineData("otpauth://totp/ACME:john?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "twice")]
    public void RefusesWhatRuleOneDoesNotAllowAndSaysWhy(string uri, string reasonFragment)
    {
        Assert.False(OtpAuthUri.TryParse(uri, out var key, out var error));
        Assert.Null(key);
        Assert.Contains(reasonFragment, error, StringComparison.Ordinal);
        Assert.DoesNotContain("GEZDGNBVGY3TQOJQ", error, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property FormattedKeysParseBackToTheSameKey(NonEmptyString issuerSeed, NonEmptyString accountSeed)
    {
        var issuer = ValidName(issuerSeed.Get.Replace(":", string.Empty));
        var account = ValidName(accountSeed.Get);
        var key = TotpKey.Generate(issuer, account);

        var parsed = OtpAuthUri.TryParse(key.ToUri(), out var back, out _);

        return (parsed && back!.Issuer == issuer && back.AccountName == account && back.Secret.ToBase32() == key.Secret.ToBase32())
            .Label($"issuer '{issuer}' account '{account}'");
    }

    [Property(MaxTest = 500)]
    public bool ParsingAnyTextNeverThrows(string text)
    {
        var parsed = OtpAuthUri.TryParse(text, out var key, out var error);
        return parsed ? key is not null && key.Issuer.Length > 0 && key.AccountName.Length > 0 : error.Length > 0;
    }

    [Property(MaxTest = 300)]
    public bool ParsingArbitraryQueriesNeverThrows(string label, string query)
    {
        var parsed = OtpAuthUri.TryParse("otpauth://totp/" + label + "?" + query, out _, out var error);
        return parsed || error.Length > 0;
    }

    // Any generated text made into a name the validator accepts, so the property covers unicode and odd punctuation.
    private static string ValidName(string seed)
    {
        var kept = new System.Text.StringBuilder();
        for (var i = 0; i < seed.Length && kept.Length < 64; i++)
        {
            if (!InputRules.IsForbiddenCharacter(seed, i)) kept.Append(seed[i]);
        }
        if (kept.Length > 0 && char.IsHighSurrogate(kept[kept.Length - 1])) kept.Length--;
        var name = kept.ToString().Trim();
        return name.Length == 0 ? "x" : name;
    }
}
