namespace StsFtw.Client.Cache;

/// <summary>What to do with a cache entry (see <see cref="CredentialRefreshPolicy.Decide"/>).</summary>
public enum RefreshAction
{
    /// <summary>The cached credentials are fresh: use them; ask for no code and post nothing.</summary>
    Use,

    /// <summary>There are cached credentials, but they are inside the refresh window or expired: get new ones.</summary>
    Refresh,

    /// <summary>There is nothing usable in the cache: get new credentials.</summary>
    Miss,
}
