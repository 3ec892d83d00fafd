using System.Security.Cryptography;

namespace StsFtw.Client.Files.Windows;

/// <summary>
/// <see cref="SecretFile"/> on Windows. The file inherits its folder's access list: under <c>%LOCALAPPDATA%</c> or
/// the user profile that is the user, SYSTEM and Administrators. A reparse point (symbolic link, junction) at the
/// file is never opened, and one at a private folder is refused. The replace is atomic (a temporary file in the same
/// folder, flushed, then <c>ReplaceFile</c>/<c>MoveFile</c>), retried briefly while a reader holds the file.
/// </summary>
/// <remarks>Content the caller wants hidden from other administrators as well is encrypted with <see cref="CurrentUserProtection"/>.</remarks>
internal static class WindowsSecretFiles
{
    private const int Attempts = 10;

    public static void Write(string directory, string name, byte[] content, SecretFolderPolicy policy)
    {
        if (!Directory.Exists(directory)) Directory.CreateDirectory(directory);
        if (policy == SecretFolderPolicy.Private && IsReparsePoint(directory))
        {
            throw new IOException(Unix.UnixSecretFiles.FolderProblem(directory, SecretFileStatus.UnsafeFolder));
        }
        var target = Path.Combine(directory, name);
        var temporary = Path.Combine(directory, "." + name + "." + RandomSuffix() + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // File.Replace would act on a link's target; the link itself is removed instead.
                    if (File.Exists(target) && IsReparsePoint(target)) File.Delete(target);
                    if (File.Exists(target)) File.Replace(temporary, target, destinationBackupFileName: null, ignoreMetadataErrors: true);
                    else File.Move(temporary, target);
                    return;
                }
                catch (Exception failure) when ((failure is IOException || failure is UnauthorizedAccessException) && attempt < Attempts)
                {
                    // Another writer created the target meanwhile, or a reader holds it open: try again shortly.
                    Thread.Sleep(10 * attempt);
                }
            }
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public static SecretFileRead Read(string directory, string name, int maximumBytes, SecretFolderPolicy policy)
    {
        if (!Directory.Exists(directory)) return new SecretFileRead(SecretFileStatus.Missing);
        if (policy == SecretFolderPolicy.Private && IsReparsePoint(directory)) return new SecretFileRead(SecretFileStatus.UnsafeFolder);
        var target = Path.Combine(directory, name);
        try
        {
            var attributes = File.GetAttributes(target);
            if ((attributes & (FileAttributes.ReparsePoint | FileAttributes.Directory | FileAttributes.Device)) != 0)
            {
                return new SecretFileRead(SecretFileStatus.NotARegularFile);
            }
            using var stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > maximumBytes) return new SecretFileRead(SecretFileStatus.TooLarge);
            var content = new byte[stream.Length];
            var offset = 0;
            int read;
            while (offset < content.Length && (read = stream.Read(content, offset, content.Length - offset)) > 0) offset += read;
            return offset == content.Length ? new SecretFileRead(SecretFileStatus.Found, content) : new SecretFileRead(SecretFileStatus.Unreadable);
        }
        catch (Exception failure) when (failure is FileNotFoundException || failure is DirectoryNotFoundException)
        {
            return new SecretFileRead(SecretFileStatus.Missing);
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
        {
            return new SecretFileRead(SecretFileStatus.Unreadable);
        }
    }

    public static bool Delete(string directory, string name)
    {
        var target = Path.Combine(directory, name);
        if (!File.Exists(target)) return false;
        File.Delete(target);
        return true;
    }

    private static bool IsReparsePoint(string path) => (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;

    private static string RandomSuffix()
    {
        var bytes = new byte[8];
        using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
        return BitConverter.ToString(bytes).Replace("-", string.Empty);
    }
}
