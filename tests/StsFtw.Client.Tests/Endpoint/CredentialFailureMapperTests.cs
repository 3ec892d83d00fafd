using StsFtw.Client.Endpoint;
using StsFtw.Core.Wire;

namespace StsFtw.Client.Tests.Endpoint;

public sealed class CredentialFailureMapperTests
{
    [Theory]
    [InlineData(401, ProblemTypes.AuthenticationFailed, CredentialFailureKind.AuthenticationFailed)]
    [InlineData(403, ProblemTypes.SecondaryRequired, CredentialFailureKind.SecondaryRequired)]
    [InlineData(403, ProblemTypes.RoleNotPermitted, CredentialFailureKind.RoleNotPermitted)]
    [InlineData(429, ProblemTypes.AccountLocked, CredentialFailureKind.AccountLocked)]
    [InlineData(502, ProblemTypes.CredentialsUnavailable, CredentialFailureKind.CredentialsUnavailable)]
    [InlineData(503, ProblemTypes.ServiceUnavailable, CredentialFailureKind.ServiceUnavailable)]
    public void ProblemTypeDecidesTheKind(int status, string type, CredentialFailureKind kind) =>
        Assert.Equal(kind, CredentialFailureMapper.KindOf(status, type));

    [Theory]
    [InlineData(401, CredentialFailureKind.AuthenticationFailed)]
    [InlineData(404, CredentialFailureKind.EndpointMismatch)]
    [InlineData(429, CredentialFailureKind.AccountLocked)]
    [InlineData(504, CredentialFailureKind.ServiceUnavailable)]
    [InlineData(418, CredentialFailureKind.UnexpectedResponse)]
    public void StatusDecidesWhenThereIsNoProblemType(int status, CredentialFailureKind kind) =>
        Assert.Equal(kind, CredentialFailureMapper.KindOf(status, null));

    [Fact]
    public void RetryAfterHeaderWinsAndIsInTheMessage()
    {
        var failure = CredentialFailureMapper.FromResponse(429,
            new ProblemDocument(ProblemTypes.AccountLocked, "Locked", "The account is locked.", null, Array.Empty<string>(), 900), TimeSpan.FromSeconds(90));
        Assert.Equal(TimeSpan.FromSeconds(90), failure.RetryAfter);
        Assert.StartsWith("The account is locked. Try again in 90 s", failure.Message);
    }

    [Fact]
    public void ControlCharactersFromTheNetworkNeverReachTheMessage()
    {
        var failure = CredentialFailureMapper.FromResponse(401,
            new ProblemDocument(ProblemTypes.AuthenticationFailed, null, "bad\u001b[31m code\r\nInjected", null, Array.Empty<string>(), null), null);
        Assert.DoesNotContain('\u001b', failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
    }

    // Issue 14 finding 5: what the endpoint sends reaches the terminal; a bidi override would disguise it.
    [Fact]
    public void BidiAndZeroWidthCharactersFromTheNetworkNeverReachTheMessage()
    {
        var failure = CredentialFailureMapper.FromResponse(401,
            new ProblemDocument(ProblemTypes.AuthenticationFailed, null, "code \u202Edetacer\u200B \u0085\u009b2J", "/x\u202E", ["a\u2066b"], null), null);
        Assert.DoesNotContain(failure.Message, c => c is '\u202E' or '\u200B' or '\u0085' or '\u009b');
        Assert.DoesNotContain(failure.Instance!, c => c == '\u202E');
        Assert.DoesNotContain(failure.Problems.Single(), c => c == '\u2066');
    }
}
