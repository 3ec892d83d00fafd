using System.Runtime.InteropServices;
using StsFtw.Client.Files.Unix;
using StsFtw.Client.Files.Windows;

namespace StsFtw.Client.Files;

/// <summary>
/// A file that holds a secret: owner-only from the moment it exists, replaced atomically, never reached through a
/// link, and trusted on read only when it is a regular file of the current user that nobody else may use.
/// </summary>
/// <remarks>
/// <para>
/// Unix: the folder is opened once (a private folder with <c>O_NOFOLLOW</c>) and checked with fstat(2); a missing
/// folder is created with mode 0700. A write creates a temporary file in that folder with
/// <c>open(O_CREAT|O_EXCL|O_WRONLY|O_NOFOLLOW|O_CLOEXEC, 0600)</c>, so it is never wider than 0600 (the mode is then
/// set to exactly 0600 whatever the umask), checks it with fstat(2), writes and fsyncs it, and renames it over the
/// target with renameat(2): a reader sees the old file or the new one, never half of one, and a link at the target is
/// replaced, not followed. A read opens with <c>O_NOFOLLOW|O_NONBLOCK</c> and trusts the file only when fstat(2) shows a
/// regular file owned by the effective user with no group or other bits; otherwise the status says why.
/// </para>
/// <para>
/// Windows: see <c>WindowsSecretFiles</c>: the folder's access list protects the file, reparse points are not
/// followed, the replace is atomic. The credential cache also encrypts with DPAPI (<c>CurrentUserProtection</c>).
/// </para>
/// <para>Exception messages name paths and error numbers, never content.</para>
/// </remarks>
public static class SecretFile
{
    /// <summary>The largest file <see cref="Read"/> returns unless told otherwise.</summary>
    public const int DefaultMaximumBytes = 64 * 1024;

    /// <summary>Creates or atomically replaces <paramref name="path"/> with <paramref name="content"/>, owner-only.</summary>
    /// <exception cref="IOException">The folder is not safe (<see cref="SecretFolderPolicy.Private"/>) or the write failed; the target is unchanged.</exception>
    /// <exception cref="PlatformNotSupportedException">A Unix whose file metadata StsFtw cannot check (32-bit, not Linux or macOS).</exception>
    public static void Write(string path, byte[] content, SecretFolderPolicy folder = SecretFolderPolicy.Private)
    {
        if (content is null) throw new ArgumentNullException(nameof(content));
        var (directory, name) = Split(path);
        if (IsWindows) WindowsSecretFiles.Write(directory, name, content, folder);
        else UnixSecretFiles.Write(directory, name, content, folder);
    }

    /// <summary>Reads <paramref name="path"/> when it can be trusted; the status says what was found otherwise.</summary>
    /// <remarks>Never throws for what is at the path; only for a malformed path.</remarks>
    public static SecretFileRead Read(string path, int maximumBytes = DefaultMaximumBytes, SecretFolderPolicy folder = SecretFolderPolicy.Private)
    {
        if (maximumBytes < 0) throw new ArgumentOutOfRangeException(nameof(maximumBytes));
        var (directory, name) = Split(path);
        return IsWindows ? WindowsSecretFiles.Read(directory, name, maximumBytes, folder) : UnixSecretFiles.Read(directory, name, maximumBytes, folder);
    }

    /// <summary>Deletes <paramref name="path"/> (a link there is removed, its target left alone); false when there was none.</summary>
    /// <exception cref="IOException">The folder is not safe, or the file could not be deleted.</exception>
    public static bool Delete(string path, SecretFolderPolicy folder = SecretFolderPolicy.Private)
    {
        var (directory, name) = Split(path);
        return IsWindows ? WindowsSecretFiles.Delete(directory, name) : UnixSecretFiles.Delete(directory, name, folder);
    }

    private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    private static (string Directory, string Name) Split(string path)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("The path is required.", nameof(path));
        var full = Path.GetFullPath(path);
        var name = Path.GetFileName(full);
        if (string.IsNullOrEmpty(name) || name == "." || name == "..") throw new ArgumentException("The path must name a file.", nameof(path));
        return (Path.GetDirectoryName(full)!, name);
    }
}
