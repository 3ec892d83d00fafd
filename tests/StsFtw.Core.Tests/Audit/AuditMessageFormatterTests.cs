using StsFtw.Core.Accounts;
using StsFtw.Core.Audit;
using StsFtw.Core.Broker;

namespace StsFtw.Core.Tests.Audit;

public sealed class AuditMessageFormatterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 23, 12, 0, 10, TimeSpan.Zero);
    private static readonly RequestContext Request = new("req-42", "203.0.113.7");

    [Fact]
    public void MintKeepsStsftwLinesAndAddsTheNewOnes()
    {
        var message = AuditMessageFormatter.Format(new CredentialsMinted(Time, new AccountKey("stsftw", "alice"), Request, "Developer", "bob", 3600));

        var lines = message.Body.Split('\n');
        Assert.Equal("StsFtw has minted new STS credentials:", lines[0]);
        Assert.Contains("Issuer: stsftw", lines);
        Assert.Contains("Account Name: alice", lines);
        Assert.Contains("AWS Role: Developer", lines);
        Assert.Contains("Secondary Authorizer: bob", lines);
        Assert.Contains("Time: 2026-11-23T12:00:10Z", lines);
        Assert.Contains("Source Address: 203.0.113.7", lines);
        Assert.Contains("Request Id: req-42", lines);
        Assert.Equal("CredentialsMinted", message.EventType);
    }

    [Fact]
    public void LockoutIsItsOwnMessage()
    {
        var message = AuditMessageFormatter.Format(new AccountLocked(Time, new AccountKey("stsftw", "bob"), Request, Time.AddMinutes(15), 5, true, "alice"));

        Assert.StartsWith("StsFtw has locked an account", message.Body, StringComparison.Ordinal);
        Assert.Contains("Locked Until: 2026-11-23T12:15:10Z", message.Body, StringComparison.Ordinal);
        Assert.Contains("secondary authorizer for \"alice\"", message.Body, StringComparison.Ordinal);
        Assert.Equal("AccountLocked", message.EventType);
    }

    [Fact]
    public void SubjectIsPrintableAsciiUnderOneHundredCharacters()
    {
        var message = AuditMessageFormatter.Format(new RequestRefused(Time, new AccountKey("stsftw", "Zoë " + new string('x', 200)), Request, null, null, "wrong code"));

        Assert.True(message.Subject.Length < 100);
        Assert.All(message.Subject, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public void ValuesCannotAddLines()
    {
        var message = AuditMessageFormatter.Format(new RequestRefused(Time, new AccountKey("stsftw", "alice"), Request, "Dev\nAWS Role: Admin", null, "x"));

        Assert.DoesNotContain("\nAWS Role: Admin", message.Body, StringComparison.Ordinal);
    }

    public static TheoryData<string> PhishingNames =>
    [
        "Your AWS account is suspended - sign in at https://evil.example",
        "alice\u202Egnp.exe",
        "admin\u200B",
        "IT-Support: call +1 555 0100",
    ];

    [Theory]
    [MemberData(nameof(PhishingNames))]
    public void RefusalSubjectNeverCarriesUnauthenticatedNames(string name)
    {
        var account = new AccountKey("Example " + name, name);
        AuditEvent[] fromUnauthenticatedRequests =
        [
            new RequestRefused(Time, account, Request, name, name, "role not permitted"),
            new AccountLocked(Time, account, Request, Time.AddMinutes(15), 6, true, name),
            new FailedCodes(Time, account, Request, 3, Time, 20, false),
        ];

        Assert.All(fromUnauthenticatedRequests.Select(AuditMessageFormatter.Format), message =>
        {
            Assert.DoesNotContain(name.Substring(0, 5), message.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain("Example", message.Subject, StringComparison.Ordinal);
            Assert.Contains(AuditMessageFormatter.UnverifiedNamesNote, message.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void UnauthenticatedNamesAreQuotedEscapedAndBoundedInTheBody()
    {
        var name = "ali\"ce\u202E\u200B\u00A0\\" + new string('x', 200);

        var body = AuditMessageFormatter.Format(new RequestRefused(Time, new AccountKey("stsftw", name), Request, null, null, "x")).Body;

        var line = Assert.Single(body.Split('\n'), l => l.StartsWith("Account Name: ", StringComparison.Ordinal));
        Assert.StartsWith("Account Name: \"ali\\\"ce\\u202E\\u200B\\u00A0\\\\xxx", line, StringComparison.Ordinal);
        Assert.EndsWith($"\" (cut at {AuditText.MaximumCharacters} characters)", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', body);
        Assert.DoesNotContain('\u200B', body);
        Assert.True(line.Length < 14 + 2 + AuditText.MaximumCharacters * 6 + 30);
    }

    [Fact]
    public void MintMessagesStillNameTheAuthenticatedAccountInTheSubject()
    {
        var message = AuditMessageFormatter.Format(new CredentialsMinted(Time, new AccountKey("stsftw", "alice"), Request, "Developer", null, 3600));

        Assert.Equal("StsFtw: credentials minted for alice (Developer)", message.Subject);
    }

    [Fact]
    public void FailedCodesSaysHowManyOfTheBudgetAndSinceWhen()
    {
        var message = AuditMessageFormatter.Format(new FailedCodes(Time, new AccountKey("stsftw", "alice"), Request, 3, Time.AddHours(-1), 20, false));

        Assert.Equal(("StsFtw: repeated failed codes for an account", "FailedCodes"), (message.Subject, message.EventType));
        Assert.Contains("Account Name: \"alice\"\n", message.Body, StringComparison.Ordinal);
        Assert.Contains("Failures In Window: 3 of 20 tolerated\n", message.Body, StringComparison.Ordinal);
        Assert.Contains("Window Opened: 2026-11-23T11:00:10Z\n", message.Body, StringComparison.Ordinal);
    }
}
