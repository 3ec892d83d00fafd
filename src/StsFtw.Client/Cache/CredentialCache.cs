using System.Text.RegularExpressions;
using StsFtw.Client.Endpoint;
using StsFtw.Client.Files;
using StsFtw.Client.Files.Unix;
using StsFtw.Client.Files.Windows;
using StsFtw.Core.Hosting;

namespace StsFtw.Client.Cache;

/// <summary>
/// Credentials kept between commands: one file per <see cref="CredentialCacheKey"/> in a private folder
/// (<see cref="CredentialCacheLocation"/>), in the one format the module and the native client share
/// (<see cref="CredentialCacheFormat"/>, docs/CACHE.md). Whether an entry is still fresh is
/// <see cref="CredentialRefreshPolicy"/>'s decision, not the cache's.
/// </summary>
/// <remarks>
/// <para>
/// Files are <see cref="SecretFile"/>s with <see cref="SecretFolderPolicy.Private"/>: created owner-only, replaced
/// atomically (so any number of processes may read and write one entry at once: a reader sees a whole old entry or a
/// whole new one, and the last writer wins), never followed through a link, and trusted only when they are the
/// current user's own and private. On Windows the JSON is encrypted with DPAPI for the current user.
/// </para>
/// <para>
/// A read never throws for what it finds: damaged JSON, another format version, an entry for another key (a
/// collision or an edited file), a foreign or unsafe file are all misses, and the next <see cref="Write"/> replaces
/// them. Nothing secret reaches an exception message or a <see cref="CacheLookup.Reason"/>.
/// </para>
/// </remarks>
public sealed class CredentialCache
{
    /// <summary>The largest entry file read.</summary>
    public const int MaximumEntryBytes = 64 * 1024;

    private static readonly Regex EntryName = new("^[0-9a-f]{64}\\.json$", RegexOptions.CultureInvariant);
    private static readonly Regex TemporaryName = new("^\\.[0-9a-f]{64}\\.json\\.[0-9A-F]{16}\\.tmp$", RegexOptions.CultureInvariant);

    /// <summary>A cache in <paramref name="directory"/> (an absolute path; created with mode 0700 on first write).</summary>
    public CredentialCache(string directory)
    {
        if (string.IsNullOrEmpty(directory) || !Path.IsPathRooted(directory)) throw new ArgumentException("The cache folder must be an absolute path.", nameof(directory));
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The cache of the current user, where <see cref="CredentialCacheLocation.Resolve"/> says.</summary>
    public static CredentialCache ForCurrentUser(IEnvironmentVariables environment) => new(CredentialCacheLocation.Resolve(environment));

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The file of <paramref name="key"/>'s entry.</summary>
    public string PathOf(CredentialCacheKey key) => Path.Combine(Directory, (key ?? throw new ArgumentNullException(nameof(key))).FileName);

    /// <summary>The entry for <paramref name="key"/>, or the reason there is none.</summary>
    public CacheLookup Read(CredentialCacheKey key)
    {
        var file = SecretFile.Read(PathOf(key), MaximumEntryBytes, SecretFolderPolicy.Private);
        switch (file.Status)
        {
            case SecretFileStatus.Found:
                break;
            case SecretFileStatus.Missing:
                return new CacheLookup(CacheLookupStatus.Missing, "no cache entry");
            case SecretFileStatus.TooLarge:
                return new CacheLookup(CacheLookupStatus.Damaged, "the cache entry is too large to be one");
            default:
                return new CacheLookup(CacheLookupStatus.Untrusted, UntrustedReason(file.Status), fileStatus: file.Status);
        }
        var content = CurrentUserProtection.Unprotect(file.Content!);
        if (content is null) return new CacheLookup(CacheLookupStatus.Damaged, "the cache entry does not decrypt for this user");
        var entry = CredentialCacheFormat.Read(content, out var problem);
        Array.Clear(content, 0, content.Length);
        if (entry is null)
        {
            return problem == CacheLookupStatus.WrongVersion
                ? new CacheLookup(CacheLookupStatus.WrongVersion, "the cache entry has another format version")
                : new CacheLookup(CacheLookupStatus.Damaged, "the cache entry is damaged");
        }
        return entry.Key == key
            ? new CacheLookup(CacheLookupStatus.Hit, "found", entry)
            : new CacheLookup(CacheLookupStatus.KeyMismatch, "the cache entry was stored for another request");
    }

    /// <summary>Stores <paramref name="entry"/>, atomically replacing whatever was at its key's file.</summary>
    /// <exception cref="ArgumentException">The credentials have no expiration (such credentials are never cached).</exception>
    /// <exception cref="IOException">The folder is not safe, or the write failed; the previous entry is unchanged.</exception>
    public void Write(CredentialCacheEntry entry)
    {
        if (entry is null) throw new ArgumentNullException(nameof(entry));
        var json = CredentialCacheFormat.Write(entry);
        var content = CurrentUserProtection.Protect(json);
        try
        {
            SecretFile.Write(PathOf(entry.Key), content, SecretFolderPolicy.Private);
        }
        finally
        {
            Array.Clear(json, 0, json.Length);
        }
    }

    /// <summary>Removes <paramref name="key"/>'s entry; false when there was none.</summary>
    public bool Remove(CredentialCacheKey key) => SecretFile.Delete(PathOf(key), SecretFolderPolicy.Private);

    /// <summary>
    /// Removes entries: all of them (with every file that looks like an entry or a leftover temporary file, readable
    /// or not) when neither filter is given; else only valid entries stored for <paramref name="endpoint"/> and/or
    /// <paramref name="accountName"/>. Returns how many files were removed.
    /// </summary>
    /// <exception cref="IOException">The folder is not safe, or a file could not be removed.</exception>
    public int Clear(CredentialEndpoint? endpoint = null, string? accountName = null)
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        if (!RuntimeInformationIsWindows && UnixSecretFiles.CheckFolder(Directory, SecretFolderPolicy.Private) is var folder
            && folder != SecretFileStatus.Found && folder != SecretFileStatus.Missing)
        {
            throw new IOException(UnixSecretFiles.FolderProblem(Directory, folder));
        }
        var all = endpoint is null && accountName is null;
        var removed = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory).ToList())
        {
            var name = Path.GetFileName(path);
            var isEntry = EntryName.IsMatch(name);
            if (!isEntry && !(all && TemporaryName.IsMatch(name))) continue;
            if (!all && !Matches(name, endpoint, accountName)) continue;
            if (SecretFile.Delete(path, SecretFolderPolicy.Private)) removed++;
        }
        return removed;
    }

    private bool Matches(string name, CredentialEndpoint? endpoint, string? accountName)
    {
        var file = SecretFile.Read(Path.Combine(Directory, name), MaximumEntryBytes, SecretFolderPolicy.Private);
        if (!file.IsFound) return false;
        var content = CurrentUserProtection.Unprotect(file.Content!);
        var entry = content is null ? null : CredentialCacheFormat.Read(content, out _);
        if (entry is null || entry.Key.FileName != name) return false;
        return (endpoint is null || entry.Key.Endpoint == endpoint.Uri.AbsoluteUri)
            && (accountName is null || string.Equals(entry.Key.AccountName, accountName, StringComparison.Ordinal));
    }

    private static bool RuntimeInformationIsWindows =>
        System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows);

    private static string UntrustedReason(SecretFileStatus status) => status switch
    {
        SecretFileStatus.NotARegularFile => "the cache entry is a link or not a regular file, so it is not followed",
        SecretFileStatus.OwnedByAnotherUser => "the cache entry belongs to another user, so it is not trusted",
        SecretFileStatus.AccessibleToOthers => "the cache entry can be read or written by others, so it is not trusted",
        SecretFileStatus.UnsafeFolder => "the cache folder is a link, belongs to another user or is writable by others, so it is not trusted",
        SecretFileStatus.Unsupported => "this platform's file owners and modes cannot be checked, so the cache is not used",
        _ => "the cache entry could not be read",
    };
}
