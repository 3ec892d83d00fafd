using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace StsFtw.Client.Files.Windows;

/// <summary>
/// DPAPI for the current user (<see cref="ProtectedData"/>, <see cref="DataProtectionScope.CurrentUser"/>) with an
/// entropy that names StsFtw's purpose: only this Windows user can decrypt, and a blob made by another user, or for
/// another purpose, does not decrypt. Elsewhere the bytes pass through unchanged (Unix relies on file modes).
/// </summary>
internal static class CurrentUserProtection
{
    private static readonly byte[] Entropy = Encoding.ASCII.GetBytes("StsFtw credential cache, format 1");

    /// <summary>True where content is encrypted (Windows).</summary>
    public static bool Encrypts => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    public static byte[] Protect(byte[] data)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return data;
        return ProtectedData.Protect(data, Entropy, DataProtectionScope.CurrentUser);
    }

    /// <summary>The plain bytes, or null when <paramref name="data"/> does not decrypt for this user and purpose.</summary>
    public static byte[]? Unprotect(byte[] data)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return data;
        try
        {
            return ProtectedData.Unprotect(data, Entropy, DataProtectionScope.CurrentUser);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
