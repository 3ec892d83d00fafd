using System.Runtime.InteropServices;

namespace StsFtw.Client.Files;

/// <summary>
/// Writes a file that holds a secret in a folder the person chose or shares with other tools (<c>~/.aws</c>, a QR
/// code's folder): readable and writable by its owner only from the moment it exists, and replaced atomically, so a
/// reader never sees half a file and a crash never leaves one.
/// </summary>
/// <remarks>
/// This is <see cref="SecretFile.Write"/> with <see cref="SecretFolderPolicy.AsFound"/>: on Unix the temporary file is
/// created with mode 0600 by open(2) itself (there is no moment it is wider), a folder created for it gets 0700, and a
/// symbolic link at the target is replaced rather than written through. On Windows the file inherits the folder's
/// access list; the user profile, where <c>~/.aws</c> lives, is private to its owner by default.
/// </remarks>
public static class OwnerOnlyFile
{
    /// <summary>Replaces (or creates) <paramref name="path"/> with <paramref name="content"/>.</summary>
    /// <exception cref="IOException">The write failed; the previous file, if any, is unchanged.</exception>
    public static void WriteAtomically(string path, byte[] content)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("The path is required.", nameof(path));
        if (content is null) throw new ArgumentNullException(nameof(content));
        SecretFile.Write(path, content, SecretFolderPolicy.AsFound);
    }

    /// <summary>True when the file can be read or written by anyone but its owner (always false on Windows).</summary>
    public static bool IsAccessibleToOthers(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return false;
#if NET7_0_OR_GREATER
        const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & Others) != 0;
#else
        throw new PlatformNotSupportedException("Reading Unix file modes needs .NET 7 or later.");
#endif
    }
}
