using StsFtw.Client.Files;

namespace StsFtw.Client.Cache;

/// <summary>The outcome of <see cref="CredentialCache.Read"/>: a status, the entry on a hit, and a reason fit for <c>-Verbose</c>.</summary>
/// <remarks><see cref="ToString"/> holds no secret.</remarks>
public sealed class CacheLookup
{
    internal CacheLookup(CacheLookupStatus status, string reason, CredentialCacheEntry? entry = null, SecretFileStatus? fileStatus = null)
    {
        Status = status;
        Reason = reason;
        Entry = status == CacheLookupStatus.Hit ? entry ?? throw new ArgumentNullException(nameof(entry)) : null;
        FileStatus = fileStatus;
    }

    /// <summary>What was found.</summary>
    public CacheLookupStatus Status { get; }

    /// <summary>The entry, on a <see cref="CacheLookupStatus.Hit"/>.</summary>
    public CredentialCacheEntry? Entry { get; }

    /// <summary>Why it is a miss (or "found"), without secrets.</summary>
    public string Reason { get; }

    /// <summary>For <see cref="CacheLookupStatus.Untrusted"/>: what the file check found.</summary>
    public SecretFileStatus? FileStatus { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Status}: {Reason}";
}
