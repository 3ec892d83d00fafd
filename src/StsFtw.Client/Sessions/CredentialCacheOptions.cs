using StsFtw.Client.Cache;

namespace StsFtw.Client.Sessions;

/// <summary>How a <see cref="CredentialSession"/> uses the credential cache.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Disabled"/>: the cache is neither read nor written.</item>
/// <item>A cache without <see cref="Bypass"/>: fresh cached credentials are served; new ones are stored.</item>
/// <item>A cache with <see cref="Bypass"/> (a forced refresh): the cache is not read, the request is always posted, and the
/// new credentials are stored.</item>
/// </list>
/// </remarks>
public sealed class CredentialCacheOptions
{
    /// <summary>Uses <paramref name="cache"/> under <paramref name="policy"/> (null for <see cref="CredentialRefreshPolicy.Default"/>).</summary>
    public CredentialCacheOptions(CredentialCache cache, CredentialRefreshPolicy? policy = null, bool bypass = false)
    {
        Cache = cache ?? throw new ArgumentNullException(nameof(cache));
        Policy = policy ?? CredentialRefreshPolicy.Default;
        Bypass = bypass;
    }

    private CredentialCacheOptions()
    {
        Policy = CredentialRefreshPolicy.Default;
    }

    /// <summary>No cache at all.</summary>
    public static CredentialCacheOptions Disabled { get; } = new();

    /// <summary>The cache, or null when disabled.</summary>
    public CredentialCache? Cache { get; }

    /// <summary>When cached credentials may be used.</summary>
    public CredentialRefreshPolicy Policy { get; }

    /// <summary>True to skip reading the cache (always post) while still storing the result.</summary>
    public bool Bypass { get; }

    /// <summary>True when there is a cache.</summary>
    public bool Enabled => Cache is not null;
}
