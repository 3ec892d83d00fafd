using System.Security.Cryptography;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;

namespace StsFtw.Core.Protection;

/// <summary>
/// Remembers what a protector revealed for a short while, so a warm backend verifies a code without a key-service
/// round trip: the request path becomes read entry -> accept step -> mint and audit (three sequential round trips).
/// </summary>
/// <remarks>
/// <para>An entry is keyed by the account and a SHA-256 of the stored form, so a rotated device or a re-encrypted
/// secret is a miss. "Nothing usable" (null) is remembered like a secret, so an unknown account (whose decoy
/// ciphertext is stable for the broker's lifetime) costs the same as a known one on the first and on later
/// requests — the cache keeps the two paths alike.</para>
/// <para>Failures of the inner protector are never remembered. The cache holds at most
/// <see cref="Capacity"/> entries; when full, expired entries go first, then the oldest.</para>
/// <para>Whoever can read this process's memory can already call the key service with its role, so holding the
/// revealed secret for minutes does not widen what a compromise of the function yields.</para>
/// </remarks>
public sealed class CachingSecretProtector : ISecretProtector
{
    /// <summary>How long a revealed secret is kept when no other lifetime is given.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Entries kept when no other capacity is given.</summary>
    public const int DefaultCapacity = 1024;

    private readonly ISecretProtector _inner;
    private readonly TimeProvider _clock;
    private readonly Dictionary<CacheKey, CachedReveal> _entries = new();
    private readonly object _gate = new();

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public CachingSecretProtector(ISecretProtector inner, TimeProvider clock, TimeSpan? lifetime = null, int capacity = DefaultCapacity)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Lifetime = lifetime ?? DefaultLifetime;
        if (Lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), "The lifetime must be positive.");
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "The capacity must be at least 1.");
        Capacity = capacity;
    }

    /// <summary>How long a reveal is remembered.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>The most reveals remembered at once.</summary>
    public int Capacity { get; }

    /// <summary>Protecting is never cached: it always reaches the inner protector.</summary>
    public Task<StoredSecret> ProtectAsync(AccountKey account, TotpKey key, CancellationToken cancellationToken) =>
        _inner.ProtectAsync(account, key, cancellationToken);

    /// <inheritdoc />
    public async Task<TotpSecret?> RevealAsync(AccountKey account, StoredSecret stored, CancellationToken cancellationToken)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (stored is null) throw new ArgumentNullException(nameof(stored));
        var key = new CacheKey(account, Fingerprint(stored));
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var hit) && hit.ExpiresAt > now) return hit.Secret;
        }

        var secret = await _inner.RevealAsync(account, stored, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (!_entries.ContainsKey(key) && _entries.Count >= Capacity) Evict(now);
            _entries[key] = new CachedReveal(secret, now + Lifetime, now);
        }
        return secret;
    }

    private void Evict(DateTimeOffset now)
    {
        var expired = _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList();
        foreach (var key in expired) _entries.Remove(key);
        if (_entries.Count < Capacity) return;
        // One pass for the oldest (no sort): a full cache under a spray of account names stays linear.
        var oldest = default(KeyValuePair<CacheKey, CachedReveal>);
        var found = false;
        foreach (var entry in _entries)
        {
            if (!found || entry.Value.StoredAt < oldest.Value.StoredAt) oldest = entry;
            found = true;
        }
        if (found) _entries.Remove(oldest.Key);
    }

    private static string Fingerprint(StoredSecret stored)
    {
        // The ciphertext wins over the url, as in the protectors; a tag keeps the two forms apart.
        var form = stored.HasCiphertext
            ? Concat(0x01, stored.Ciphertext!)
            : Concat(0x02, System.Text.Encoding.UTF8.GetBytes(stored.OtpAuthUri ?? string.Empty));
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(form));
    }

    private static byte[] Concat(byte tag, byte[] body)
    {
        var bytes = new byte[body.Length + 1];
        bytes[0] = tag;
        Buffer.BlockCopy(body, 0, bytes, 1, body.Length);
        return bytes;
    }

    private readonly record struct CacheKey(AccountKey Account, string Fingerprint);

    private sealed record CachedReveal(TotpSecret? Secret, DateTimeOffset ExpiresAt, DateTimeOffset StoredAt);
}
