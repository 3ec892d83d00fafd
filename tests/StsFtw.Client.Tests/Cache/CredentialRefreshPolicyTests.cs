using Microsoft.Extensions.Time.Testing;
using StsFtw.Client.Cache;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Cache;

public sealed class CredentialRefreshPolicyTests
{
    private static readonly DateTimeOffset Expiration = CacheSamples.Now.AddHours(1);
    private static readonly BrokeredCredentials Cached = CacheSamples.Credentials("policy", Expiration);

    [Theory]
    [InlineData(-1, RefreshAction.Use)]
    [InlineData(0, RefreshAction.Refresh)]
    [InlineData(1, RefreshAction.Refresh)]
    public void CachedCredentialsAreUsedUntilTheRefreshWindowBeforeExpiration(int secondsFromWindowStart, RefreshAction expected)
    {
        var clock = new FakeTimeProvider();
        clock.SetUtcNow(Expiration - CredentialRefreshPolicy.DefaultRefreshWindow + TimeSpan.FromSeconds(secondsFromWindowStart));
        Assert.Equal(expected, CredentialRefreshPolicy.Default.Decide(Cached, clock.GetUtcNow()).Action);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(15)]
    public void TheConfiguredWindowMovesTheBoundary(int minutes)
    {
        var policy = new CredentialRefreshPolicy(TimeSpan.FromMinutes(minutes));
        var boundary = Expiration - TimeSpan.FromMinutes(minutes);
        Assert.Equal(RefreshAction.Use, policy.Decide(Cached, boundary.AddSeconds(-1)).Action);
        Assert.Equal(RefreshAction.Refresh, policy.Decide(Cached, boundary).Action);
        Assert.Equal(RefreshAction.Refresh, policy.Decide(Cached, boundary.AddSeconds(1)).Action);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(16)]
    public void RefreshWindowsOutside5To15MinutesAreRefused(int minutes)
    {
        Assert.NotNull(CredentialRefreshPolicy.CheckRefreshWindow(TimeSpan.FromMinutes(minutes)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CredentialRefreshPolicy(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void NothingCachedIsAMiss() => Assert.Equal(RefreshAction.Miss, CredentialRefreshPolicy.Default.Decide(null, CacheSamples.Now).Action);

    [Fact]
    public void ExpiredCredentialsAreRefreshedAndTheReasonSaysSo()
    {
        var decision = CredentialRefreshPolicy.Default.Decide(Cached, Expiration.AddSeconds(1));
        Assert.Equal(RefreshAction.Refresh, decision.Action);
        Assert.Contains("expired", decision.Reason);
    }

    [Fact]
    public void CredentialsWithoutExpirationAreNeverCached()
    {
        var unknown = new BrokeredCredentials("ASIA", "s", "t");
        Assert.False(CredentialRefreshPolicy.Default.IsWorthCaching(unknown, CacheSamples.Now, out var reason));
        Assert.Contains("no expiration", reason);
        Assert.Equal(RefreshAction.Refresh, CredentialRefreshPolicy.Default.Decide(unknown, CacheSamples.Now).Action);
    }

    [Fact]
    public void CredentialsAlreadyInsideTheWindowAreNotWorthCaching()
    {
        var shortLived = CacheSamples.Credentials("short", CacheSamples.Now.AddMinutes(9));
        Assert.False(CredentialRefreshPolicy.Default.IsWorthCaching(shortLived, CacheSamples.Now, out _));
        Assert.True(CredentialRefreshPolicy.Default.IsWorthCaching(Cached, CacheSamples.Now, out _));
    }

    [Fact]
    public void ReasonsNeverShowTheSecrets()
    {
        var decision = CredentialRefreshPolicy.Default.Decide(Cached, CacheSamples.Now);
        Assert.DoesNotContain(Cached.SecretAccessKey, decision.ToString());
        Assert.DoesNotContain(Cached.SessionToken, decision.ToString());
    }
}
