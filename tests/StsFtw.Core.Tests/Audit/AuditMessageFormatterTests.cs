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
        Assert.Contains("secondary authorizer for alice", message.Body, StringComparison.Ordinal);
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
}
