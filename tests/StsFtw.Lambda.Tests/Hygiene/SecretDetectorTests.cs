using Microsoft.Extensions.Time.Testing;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Totp;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Lambda.Tests.Hygiene;

/// <summary>The detector every capture point relies on: it finds each kind of secret, and leaves ordinary log lines alone.</summary>
public sealed class SecretDetectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 10, TimeSpan.Zero);

    [Fact]
    public void KnownTotpSecretIsFoundAsWrittenUnpaddedAndInLowerCase()
    {
        var key = TotpKey.Generate("Example", "alice");
        var ledger = new SecretLedger();
        ledger.RememberKey(key, () => Now);
        var base32 = key.Secret.ToBase32();

        Assert.Contains(SecretDetector.Scan($"secret={base32}", ledger), f => f.Kind == SecretKind.TotpSecret);
        Assert.Contains(SecretDetector.Scan($"secret={base32.ToLowerInvariant()}", ledger), f => f.Kind == SecretKind.TotpSecret);
        Assert.Contains(SecretDetector.Scan($"uri {key.ToUri()}", ledger), f => f.Kind == SecretKind.OtpAuthUri);
    }

    [Fact]
    public void SecretShapedTextIsFoundWithoutALedger()
    {
        var base32 = TotpKey.Generate("Example", "bob").Secret.ToBase32();

        Assert.Contains(SecretDetector.Scan("otpauth://totp/Example:bob?secret=X&issuer=Example"), f => f.Kind == SecretKind.OtpAuthUri);
        Assert.Contains(SecretDetector.Scan("url=otpauth%3A%2F%2Ftotp%2FExample"), f => f.Kind == SecretKind.OtpAuthUri);
        Assert.Contains(SecretDetector.Scan($"decrypted {base32} for bob"), f => f.Kind == SecretKind.TotpSecret);
        Assert.Contains(SecretDetector.Scan("""{"SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}"""), f => f.Kind == SecretKind.SecretAccessKey);
        Assert.Contains(SecretDetector.Scan("export AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEXAMPLE"), f => f.Kind == SecretKind.SessionToken);
        Assert.Contains(SecretDetector.Scan("key " + StandInSecretMarkers.SecretAccessKey + "ABC"), f => f.Kind == SecretKind.SecretAccessKey);
        Assert.Contains(SecretDetector.Scan("token " + StandInSecretMarkers.SessionToken + "XYZ"), f => f.Kind == SecretKind.SessionToken);
    }

    [Fact]
    public void InvitationCodeIsFoundAsRevealedInLowerCaseAndWithoutHyphens()
    {
        var code = Core.Invitations.InvitationCode.Generate().Reveal();

        Assert.Contains(SecretDetector.Scan($"invited with {code}"), f => f.Kind == SecretKind.InvitationCode);
        Assert.Contains(SecretDetector.Scan($"invited with {code.ToLowerInvariant()}"), f => f.Kind == SecretKind.InvitationCode);
        Assert.Contains(SecretDetector.Scan($$"""{"invitation_code":"{{code.Replace("-", string.Empty, StringComparison.Ordinal)}}"}"""), f => f.Kind == SecretKind.InvitationCode);
        Assert.Empty(SecretDetector.Scan("invitation_code=[redacted] inv1 not a code"));
    }

    [Fact]
    public void CodeTheTestComputedIsFoundInALogLine()
    {
        var clock = new FakeTimeProvider(Now);
        var secret = TotpKey.Generate("Example", "alice").Secret;
        var ledger = new SecretLedger();
        ledger.RememberSecret(secret, clock.GetUtcNow);
        clock.Advance(TimeSpan.FromMinutes(10));
        var code = TotpVerifier.ComputeCode(secret, TotpVerifier.TimeStepAt(clock.GetUtcNow()));

        var findings = SecretDetector.Scan($$"""{"level":"info","kind":"request","detail":"code {{code}} rejected"}""", ledger);

        Assert.Equal(SecretKind.Code, Assert.Single(findings).Kind);
    }

    [Fact]
    public void CodeInsideAnExceptionMessageFailsTheCheck()
    {
        var ledger = new SecretLedger();
        ledger.Remember(SecretKind.Code, "493021");
        var failure = new InvalidOperationException("outer", new DependencyFailureException(Dependency.AuthTable, "Condition failed for code 493021"));

        var leak = Assert.Throws<SecretLeakException>(() => SecretHygiene.AssertClean("meta: exception messages", SecretHygiene.MessagesOf(failure), ledger));

        Assert.Contains("meta: exception messages", leak.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("493021", leak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretInsideAnAggregatedExceptionFailsTheCheck()
    {
        var base32 = TotpKey.Generate("Example", "carol").Secret.ToBase32();
        var failure = new AggregateException(new TimeoutException("slow"), new FormatException("bad secret " + base32));

        Assert.Throws<SecretLeakException>(() => SecretHygiene.AssertClean("meta: aggregate", SecretHygiene.MessagesOf(failure)));
    }

    [Theory]
    [InlineData("""{"time":"2026-11-23T12:00:10.412Z","level":"info","kind":"request","requestId":"8c1e5f0c-1234-4321-a123-123456abcdef"}""")]
    [InlineData("""{"awsCalls":[{"call":"dynamodb.GetEntries","atMs":0.1,"ms":6.2,"ok":true}],"awsMs":123456.7,"totalMs":43.1}""")]
    [InlineData("Listening on http://127.0.0.1:41234/ (local mode).")]
    [InlineData("arn:aws:iam::123456789012:role/Developer assumed as arn:aws:sts::123456789012:assumed-role/Developer/Example.alice")]
    [InlineData("""{"SecretAccessKey":"[redacted]","SessionToken":"[redacted]"}""")]
    [InlineData("The response lacks SessionToken; SecretAccessKey missing.")]
    [InlineData("x-amzn-RequestId: 6M2BSNA8R6QUV0EHN35K9TJ0NVVV4KQNSO5AEMVJF66Q9ASUAAJG")]
    [InlineData("TOTPCode must be exactly 6 digits.")]
    [InlineData("locked until 1763899210 after 5 failures; retry in 900 s; port 654321 is not a code")]
    [InlineData("AccessKeyId ASIAABCDEFGHIJKLMNOP is an identifier, not a secret")]
    public void OrdinaryLinesAreNotFlagged(string line)
    {
        var ledger = new SecretLedger();
        ledger.Remember(SecretKind.Code, "493021");
        ledger.RememberSecret(TotpKey.Generate("Example", "alice").Secret, () => Now);

        Assert.Empty(SecretDetector.Scan(line, ledger));
    }

    [Fact]
    public void SixDigitNumbersAreCodesOnlyWhenTheTestKnowsThem()
    {
        var ledger = new SecretLedger();
        ledger.Remember(SecretKind.Code, "493021");

        Assert.Empty(SecretDetector.Scan("retry 123456 of 654321", ledger));
        Assert.Single(SecretDetector.Scan("retry 123456 with 493021", ledger));
        Assert.Empty(SecretDetector.Scan("id a493021b and 1493021 are not the code", ledger));
    }

    [Fact]
    public void EveryCheckIsCounted()
    {
        var before = HygieneCounters.Snapshot().GetValueOrDefault("meta: counting");

        SecretHygiene.AssertClean("meta: counting", ["one", "two", null, "three"]);

        var after = HygieneCounters.Snapshot()["meta: counting"];
        Assert.Equal((before.Checks + 1, before.Lines + 3), after);
    }

    [Fact]
    public void ExceptionThrownAndCaughtAnywhereIsStillChecked()
    {
        var ledger = new SecretLedger();
        ledger.Remember(SecretKind.Code, "862014");
        var mark = ExceptionCapture.Mark();
        try
        {
            throw new FormatException("could not parse 862014");
        }
        catch (FormatException)
        {
            // Swallowed, as product code might; the first-chance capture saw it anyway.
        }

        Assert.Throws<SecretLeakException>(() =>
            SecretHygiene.AssertClean("meta: first chance", ExceptionCapture.MessagesSince(mark), ledger));
    }
}
