using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace StsFtw.Client.Files;

/// <summary>
/// Writes a file that holds a secret: readable and writable by its owner only, and replaced atomically (a temporary
/// file in the same folder, flushed, then renamed over the target), so a reader never sees half a file and a crash
/// never leaves one.
/// </summary>
/// <remarks>
/// On Unix the file gets mode 0600 before any content is written, and a folder created for it gets 0700. On
/// Windows the file inherits the folder's access list; the user profile, where <c>~/.aws</c> lives, is private to
/// its owner by default.
/// </remarks>
public static class OwnerOnlyFile
{
    /// <summary>Replaces (or creates) <paramref name="path"/> with <paramref name="content"/>.</summary>
    public static void WriteAtomically(string path, byte[] content)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("The path is required.", nameof(path));
        if (content is null) throw new ArgumentNullException(nameof(content));
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            RestrictToOwner(directory, isDirectory: true);
        }

        var temporary = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + RandomSuffix() + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RestrictToOwner(temporary, isDirectory: false);
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }
            if (File.Exists(fullPath)) File.Replace(temporary, fullPath, destinationBackupFileName: null, ignoreMetadataErrors: true);
            else File.Move(temporary, fullPath);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
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

    private static void RestrictToOwner(string path, bool isDirectory)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
#if NET7_0_OR_GREATER
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | (isDirectory ? UnixFileMode.UserExecute : UnixFileMode.None);
        File.SetUnixFileMode(path, mode);
#else
        if (Native.Chmod(path, isDirectory ? 0x1C0u /* 0700 */ : 0x180u /* 0600 */) != 0)
        {
            throw new IOException($"Could not restrict '{path}' to its owner (errno {Marshal.GetLastWin32Error()}).");
        }
#endif
    }

    private static string RandomSuffix()
    {
        var bytes = new byte[6];
        using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
        return BitConverter.ToString(bytes).Replace("-", string.Empty);
    }

#if !NET7_0_OR_GREATER
    private static class Native
    {
        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        public static extern int Chmod([MarshalAs(UnmanagedType.LPStr)] string path, uint mode);
    }
#endif
}
