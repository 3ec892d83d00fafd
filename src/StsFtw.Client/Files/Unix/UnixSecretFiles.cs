using System.Globalization;
using System.Security.Cryptography;

namespace StsFtw.Client.Files.Unix;

/// <summary>
/// <see cref="SecretFile"/> on Unix. Every operation opens the folder once (<c>O_DIRECTORY</c>, and
/// <c>O_NOFOLLOW</c> for a private folder), checks it with fstat(2), and then works relative to that descriptor
/// (openat, renameat, unlinkat), so the folder cannot be swapped between the check and the use. Files are opened with
/// <c>O_NOFOLLOW</c> and checked with fstat(2) on the open descriptor.
/// </summary>
internal static class UnixSecretFiles
{
    private const int OwnerReadWrite = 0x180; // 0600
    private const int OwnerOnlyFolder = 0x1C0; // 0700
    private const int GroupOrOtherAny = 0x3F; // 077
    private const int GroupOrOtherWrite = 0x12; // 022
    private const int PermissionBits = 0xFFF;

    /// <summary>
    /// Test seam: called with the descriptor and folder of each temporary file right after open(2) created it, before
    /// anything else touches it, so a test can fstat the mode the file was born with.
    /// </summary>
    internal static Action<int, string>? TemporaryCreated;

    public static void Write(string directory, string name, byte[] content, SecretFolderPolicy policy)
    {
        var platform = Supported();
        var folder = OpenFolder(directory, policy, create: true, out var folderStatus);
        if (folder < 0) throw new IOException(FolderProblem(directory, folderStatus));
        try
        {
            var (created, file) = CreateTemporary(platform, folder, directory, name);
            var temporary = created;
            try
            {
                try
                {
                    TemporaryCreated?.Invoke(file, directory);
                    Check(LibC.FChmod(file, OwnerReadWrite), "restrict the temporary file to its owner", directory);
                    // O_CREAT|O_EXCL made a new file of ours with at most 0600; where fstat can be read, make sure.
                    if (platform.CanReadFileStatus) CheckTemporary(platform, file, directory);
                    WriteAll(file, content, directory);
                    Check(LibC.FSync(file), "flush the temporary file", directory);
                }
                finally
                {
                    LibC.Close(file);
                }
                Check(LibC.RenameAt(folder, LibC.PathBytes(created), folder, LibC.PathBytes(name)), $"replace '{name}'", directory);
                temporary = null;
                LibC.FSync(folder); // Makes the rename durable; a folder that cannot be synced is not an error.
            }
            finally
            {
                if (temporary is not null) LibC.UnlinkAt(folder, LibC.PathBytes(temporary), 0);
            }
        }
        finally
        {
            LibC.Close(folder);
        }
    }

    public static SecretFileRead Read(string directory, string name, int maximumBytes, SecretFolderPolicy policy)
    {
        if (!UnixPlatform.Current.CanReadFileStatus) return new SecretFileRead(SecretFileStatus.Unsupported);
        var platform = UnixPlatform.Current;
        var folder = OpenFolder(directory, policy, create: false, out var folderStatus);
        if (folder < 0) return new SecretFileRead(folderStatus);
        try
        {
            var flags = UnixPlatform.ReadOnly | platform.NoFollow | platform.CloseOnExec | platform.NonBlocking | platform.NoControllingTerminal;
            var file = LibC.OpenAt(folder, LibC.PathBytes(name), flags, 0);
            if (file < 0)
            {
                var errno = LibC.Errno;
                return new SecretFileRead(errno == UnixPlatform.NoSuchFile ? SecretFileStatus.Missing
                    : errno == platform.TooManyLinks ? SecretFileStatus.NotARegularFile
                    : SecretFileStatus.Unreadable);
            }
            try
            {
                var status = new byte[UnixPlatform.StatBufferSize];
                if (LibC.FStat(file, status) != 0) return new SecretFileRead(SecretFileStatus.Unreadable);
                var (mode, owner, size) = platform.ReadStat(status);
                if ((mode & UnixPlatform.FileTypeMask) != UnixPlatform.RegularFile) return new SecretFileRead(SecretFileStatus.NotARegularFile);
                if (owner != LibC.GetEUid()) return new SecretFileRead(SecretFileStatus.OwnedByAnotherUser);
                if ((mode & GroupOrOtherAny) != 0) return new SecretFileRead(SecretFileStatus.AccessibleToOthers);
                if (size > maximumBytes) return new SecretFileRead(SecretFileStatus.TooLarge);
                var content = ReadAtMost(file, maximumBytes + 1);
                if (content is null) return new SecretFileRead(SecretFileStatus.Unreadable);
                return content.Length > maximumBytes
                    ? new SecretFileRead(SecretFileStatus.TooLarge)
                    : new SecretFileRead(SecretFileStatus.Found, content);
            }
            finally
            {
                LibC.Close(file);
            }
        }
        finally
        {
            LibC.Close(folder);
        }
    }

    public static bool Delete(string directory, string name, SecretFolderPolicy policy)
    {
        Supported();
        var folder = OpenFolder(directory, policy, create: false, out var folderStatus);
        if (folder < 0)
        {
            return folderStatus == SecretFileStatus.Missing ? false : throw new IOException(FolderProblem(directory, folderStatus));
        }
        try
        {
            if (LibC.UnlinkAt(folder, LibC.PathBytes(name), 0) == 0) return true;
            var errno = LibC.Errno;
            return errno == UnixPlatform.NoSuchFile ? false : throw new IOException(Describe($"delete '{name}'", directory, errno));
        }
        finally
        {
            LibC.Close(folder);
        }
    }

    /// <summary>The folder's trust, for callers that list it before acting on its files.</summary>
    public static SecretFileStatus CheckFolder(string directory, SecretFolderPolicy policy)
    {
        if (!UnixPlatform.Current.IsSupported) return SecretFileStatus.Unsupported;
        var folder = OpenFolder(directory, policy, create: false, out var status);
        if (folder >= 0) LibC.Close(folder);
        return status;
    }

    // Opens and checks the folder; -1 with the reason when it is missing or not trusted.
    private static int OpenFolder(string directory, SecretFolderPolicy policy, bool create, out SecretFileStatus status)
    {
        var platform = UnixPlatform.Current;
        if (policy == SecretFolderPolicy.Private && !platform.CanReadFileStatus)
        {
            status = SecretFileStatus.Unsupported;
            return -1;
        }
        var path = LibC.PathBytes(directory);
        var flags = UnixPlatform.ReadOnly | platform.Directory | platform.CloseOnExec
            | (policy == SecretFolderPolicy.Private ? platform.NoFollow : 0);
        var folder = LibC.OpenPath(path, flags, 0);
        if (folder < 0 && LibC.Errno == UnixPlatform.NoSuchFile && create)
        {
            var parent = Path.GetDirectoryName(directory);
            if (!string.IsNullOrEmpty(parent)) Directory.CreateDirectory(parent!);
            if (LibC.MkDir(path, OwnerOnlyFolder) != 0 && LibC.Errno != UnixPlatform.Exists)
            {
                throw new IOException(Describe("create the folder", directory, LibC.Errno));
            }
            folder = LibC.OpenPath(path, flags, 0);
        }
        if (folder < 0)
        {
            var errno = LibC.Errno;
            status = errno == UnixPlatform.NoSuchFile ? SecretFileStatus.Missing
                : errno == platform.TooManyLinks || errno == UnixPlatform.NotADirectory ? SecretFileStatus.UnsafeFolder
                : SecretFileStatus.Unreadable;
            return -1;
        }
        var stat = new byte[UnixPlatform.StatBufferSize];
        var trusted = !platform.CanReadFileStatus || LibC.FStat(folder, stat) == 0;
        if (trusted && policy == SecretFolderPolicy.Private)
        {
            var (mode, owner, _) = platform.ReadStat(stat);
            trusted = (mode & UnixPlatform.FileTypeMask) == UnixPlatform.DirectoryType && owner == LibC.GetEUid() && (mode & GroupOrOtherWrite) == 0;
        }
        if (!trusted)
        {
            LibC.Close(folder);
            status = SecretFileStatus.UnsafeFolder;
            return -1;
        }
        status = SecretFileStatus.Found;
        return folder;
    }

    private static void CheckTemporary(UnixPlatform platform, int file, string directory)
    {
        var status = new byte[UnixPlatform.StatBufferSize];
        Check(LibC.FStat(file, status), "inspect the temporary file", directory);
        var (mode, owner, _) = platform.ReadStat(status);
        if ((mode & UnixPlatform.FileTypeMask) != UnixPlatform.RegularFile || owner != LibC.GetEUid() || (mode & PermissionBits) != OwnerReadWrite)
        {
            throw new IOException($"The temporary file in '{directory}' is not a private regular file of the current user.");
        }
    }

    private static (string Name, int Descriptor) CreateTemporary(UnixPlatform platform, int folder, string directory, string name)
    {
        var flags = UnixPlatform.WriteOnly | platform.Create | platform.Exclusive | platform.NoFollow | platform.CloseOnExec | platform.NoControllingTerminal;
        for (var attempt = 0; ; attempt++)
        {
            var temporary = "." + name + "." + RandomSuffix() + ".tmp";
            var file = LibC.OpenAt(folder, LibC.PathBytes(temporary), flags, OwnerReadWrite);
            if (file >= 0) return (temporary, file);
            var errno = LibC.Errno;
            if (errno != UnixPlatform.Exists || attempt >= 4) throw new IOException(Describe("create a temporary file", directory, errno));
        }
    }

    private static void WriteAll(int file, byte[] content, string directory)
    {
        var offset = 0;
        var chunk = new byte[Math.Min(Math.Max(content.Length, 1), 64 * 1024)];
        while (offset < content.Length)
        {
            var count = Math.Min(chunk.Length, content.Length - offset);
            Buffer.BlockCopy(content, offset, chunk, 0, count);
            var written = LibC.Write(file, chunk, count);
            if (written < 0)
            {
                if (LibC.Errno == UnixPlatform.Interrupted) continue;
                throw new IOException(Describe("write the temporary file", directory, LibC.Errno));
            }
            offset += (int)written;
        }
        Array.Clear(chunk, 0, chunk.Length);
    }

    private static byte[]? ReadAtMost(int file, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (buffer.Length < limit)
        {
            var read = LibC.Read(file, chunk, Math.Min(chunk.Length, limit - (int)buffer.Length));
            if (read < 0)
            {
                if (LibC.Errno == UnixPlatform.Interrupted) continue;
                return null;
            }
            if (read == 0) break;
            buffer.Write(chunk, 0, (int)read);
        }
        Array.Clear(chunk, 0, chunk.Length);
        return buffer.ToArray();
    }

    private static UnixPlatform Supported() =>
        UnixPlatform.Current.IsSupported
            ? UnixPlatform.Current
            : throw new PlatformNotSupportedException("Owner-only files need Linux or macOS on Unix.");

    private static void Check(int result, string action, string directory)
    {
        if (result != 0) throw new IOException(Describe(action, directory, LibC.Errno));
    }

    private static string Describe(string action, string directory, int errno) =>
        string.Format(CultureInfo.InvariantCulture, "Could not {0} in '{1}' (errno {2}).", action, directory, errno);

    internal static string FolderProblem(string directory, SecretFileStatus status) => status switch
    {
        SecretFileStatus.Unsupported => $"The folder '{directory}' cannot be checked on this platform (its file owners and modes need 64-bit Linux or macOS), so no secret is kept there.",
        SecretFileStatus.UnsafeFolder => $"The folder '{directory}' is not safe for secrets: it must be a real folder (not a symbolic link) of the current user that nobody else may write to.",
        SecretFileStatus.Missing => $"The folder '{directory}' does not exist.",
        _ => $"The folder '{directory}' could not be opened.",
    };

    private static string RandomSuffix()
    {
        var bytes = new byte[8];
        using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
        return BitConverter.ToString(bytes).Replace("-", string.Empty);
    }
}
