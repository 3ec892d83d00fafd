using System.Globalization;

namespace StsFtw.Client.Cache;

/// <summary>
/// When cached credentials may be used: until a refresh window before their expiration, so that a command started
/// with them does not run out mid-way. Credentials without an expiration are never cached. Pure: the caller passes
/// the time.
/// </summary>
/// <remarks>
/// The window defaults to 10 minutes (botocore's mandatory refresh) and may be set from 5 (aws-vault) to 15 minutes
/// (botocore's advisory refresh, granted). At exactly <c>Expiration − window</c> the credentials are refreshed.
/// </remarks>
public sealed class CredentialRefreshPolicy
{
    /// <summary>The window when none is configured.</summary>
    public static readonly TimeSpan DefaultRefreshWindow = TimeSpan.FromMinutes(10);

    /// <summary>The shortest window allowed.</summary>
    public static readonly TimeSpan MinimumRefreshWindow = TimeSpan.FromMinutes(5);

    /// <summary>The longest window allowed.</summary>
    public static readonly TimeSpan MaximumRefreshWindow = TimeSpan.FromMinutes(15);

    /// <summary>Creates a policy with <paramref name="refreshWindow"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is outside 5–15 minutes (see <see cref="CheckRefreshWindow"/>).</exception>
    public CredentialRefreshPolicy(TimeSpan refreshWindow)
    {
        if (CheckRefreshWindow(refreshWindow) is { } problem) throw new ArgumentOutOfRangeException(nameof(refreshWindow), problem);
        RefreshWindow = refreshWindow;
    }

    /// <summary>The policy with <see cref="DefaultRefreshWindow"/>.</summary>
    public static CredentialRefreshPolicy Default { get; } = new(DefaultRefreshWindow);

    /// <summary>How long before their expiration cached credentials stop being used.</summary>
    public TimeSpan RefreshWindow { get; }

    /// <summary>Null when <paramref name="refreshWindow"/> is allowed, else one sentence saying why not.</summary>
    public static string? CheckRefreshWindow(TimeSpan refreshWindow) =>
        refreshWindow < MinimumRefreshWindow || refreshWindow > MaximumRefreshWindow
            ? string.Format(CultureInfo.InvariantCulture, "The refresh window must be between {0} and {1} minutes.",
                MinimumRefreshWindow.TotalMinutes, MaximumRefreshWindow.TotalMinutes)
            : null;

    /// <summary>Whether <paramref name="cached"/> (null when nothing was cached) may be used at <paramref name="now"/>.</summary>
    public RefreshDecision Decide(BrokeredCredentials? cached, DateTimeOffset now)
    {
        if (cached is null) return RefreshDecision.Miss("no cached credentials");
        if (cached.Expiration is not { } expiration) return RefreshDecision.Refresh("the cached credentials carry no expiration");
        var refreshAt = expiration - RefreshWindow;
        if (expiration <= now) return RefreshDecision.Refresh($"the cached credentials expired at {IsoTimestamp.Format(expiration)}");
        if (refreshAt <= now)
        {
            return RefreshDecision.Refresh(string.Format(CultureInfo.InvariantCulture,
                "the cached credentials expire at {0}, within the refresh window of {1} min", IsoTimestamp.Format(expiration), RefreshWindow.TotalMinutes));
        }
        return RefreshDecision.Use(string.Format(CultureInfo.InvariantCulture,
            "the cached credentials expire at {0} and are used until {1}", IsoTimestamp.Format(expiration), IsoTimestamp.Format(refreshAt)));
    }

    /// <summary>
    /// Whether freshly issued <paramref name="credentials"/> are worth caching at <paramref name="now"/>: only with an
    /// expiration, and only if <see cref="Decide"/> would use them; <paramref name="reason"/> says why not.
    /// </summary>
    public bool IsWorthCaching(BrokeredCredentials credentials, DateTimeOffset now, out string reason)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        if (credentials.Expiration is null)
        {
            reason = "the endpoint sent no expiration, so the credentials are not cached";
            return false;
        }
        var decision = Decide(credentials, now);
        reason = decision.UsesCache ? string.Empty : decision.Reason + ", so they are not cached";
        return decision.UsesCache;
    }
}
