namespace StsFtw.Client.Cache;

/// <summary>What <see cref="CredentialCache.Read"/> found for a key. Everything but <see cref="Hit"/> is a miss.</summary>
public enum CacheLookupStatus
{
    /// <summary>An entry for exactly this key (its freshness is <see cref="CredentialRefreshPolicy"/>'s question).</summary>
    Hit,

    /// <summary>No entry.</summary>
    Missing,

    /// <summary>The file is not a valid entry (bad JSON, a missing or mistyped member, does not decrypt); it is replaced by the next write.</summary>
    Damaged,

    /// <summary>The file has another format version; it is replaced by the next write.</summary>
    WrongVersion,

    /// <summary>The file is a valid entry, but for another key (a hash collision, or a file copied or edited by hand).</summary>
    KeyMismatch,

    /// <summary>The file or its folder is foreign or unsafe (see <see cref="Files.SecretFileStatus"/>): not trusted.</summary>
    Untrusted,
}
