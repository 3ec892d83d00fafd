namespace StsFtw.Client.Cache;

/// <summary>One cache entry as read from its file: the key it was stored for, the credentials, and when it was stored.</summary>
/// <remarks><see cref="ToString"/> hides the secrets (see <see cref="BrokeredCredentials"/>).</remarks>
public sealed record CredentialCacheEntry(CredentialCacheKey Key, BrokeredCredentials Credentials, DateTimeOffset StoredAt);
