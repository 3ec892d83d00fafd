using System.Runtime.InteropServices;

namespace StsFtw.Client.Files.Unix;

/// <summary>
/// The few libc calls the owner-only files and the terminal prompt need, for both target frameworks (on Unix the
/// netstandard2.0 build runs only on .NET 8 or later, inside PowerShell 7). Every argument is blittable, so the calls
/// need no run-time marshalling and stay Native AOT compatible.
/// </summary>
/// <remarks>
/// <c>open</c> and <c>openat</c> are variadic in C. On Apple arm64 a variadic argument goes on the stack, not in a
/// register, so there the mode is passed as the ninth argument after six unused register arguments
/// (<see cref="OpenAtApple"/>); every other supported ABI passes it like a named argument.
/// </remarks>
internal static class LibC
{
    private const string Library = "libc";

    [DllImport(Library, EntryPoint = "openat", SetLastError = true)]
    private static extern int OpenAtSysV(int directory, byte[] path, int flags, int mode);

    [DllImport(Library, EntryPoint = "openat", SetLastError = true)]
    private static extern int OpenAtApple(int directory, byte[] path, int flags, nint unused3, nint unused4, nint unused5, nint unused6, nint unused7, nint mode);

    [DllImport(Library, EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int descriptor);

    [DllImport(Library, EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int descriptor, byte[] buffer, nint count);

    [DllImport(Library, EntryPoint = "write", SetLastError = true)]
    public static extern nint Write(int descriptor, byte[] buffer, nint count);

    [DllImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static extern int FSync(int descriptor);

    [DllImport(Library, EntryPoint = "fchmod", SetLastError = true)]
    public static extern int FChmod(int descriptor, uint mode);

    [DllImport(Library, EntryPoint = "geteuid")]
    public static extern uint GetEUid();

    [DllImport(Library, EntryPoint = "mkdir", SetLastError = true)]
    public static extern int MkDir(byte[] path, uint mode);

    [DllImport(Library, EntryPoint = "renameat", SetLastError = true)]
    public static extern int RenameAt(int fromDirectory, byte[] from, int toDirectory, byte[] to);

    [DllImport(Library, EntryPoint = "unlinkat", SetLastError = true)]
    public static extern int UnlinkAt(int directory, byte[] path, int flags);

    [DllImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static extern int Poll(ref PollDescriptor descriptor, nuint count, int timeoutMilliseconds);

    [DllImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    public static extern int TcGetAttr(int descriptor, byte[] termios);

    [DllImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    public static extern int TcSetAttr(int descriptor, int when, byte[] termios);

    [DllImport(Library, EntryPoint = "fstat", SetLastError = true)]
    private static extern int FStatPlain(int descriptor, byte[] status);

    [DllImport(Library, EntryPoint = "fstat$INODE64", SetLastError = true)]
    private static extern int FStatInode64(int descriptor, byte[] status);

    // glibc before 2.33 exports fstat only as this wrapper (RHEL 8, Debian 11, Ubuntu 20.04).
    [DllImport(Library, EntryPoint = "__fxstat", SetLastError = true)]
    private static extern int FxStat(int version, int descriptor, byte[] status);

    private static int _fstatFallback;

    /// <summary>The <c>struct pollfd</c> of poll(2); the same on every Unix.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary>The last error number of a call made with <c>SetLastError</c>.</summary>
    public static int Errno => Marshal.GetLastWin32Error();

    /// <summary>openat(2) with a mode, on any supported ABI.</summary>
    public static int OpenAt(int directory, byte[] path, int flags, int mode) =>
        UnixPlatform.Current.VariadicOnStack
            ? OpenAtApple(directory, path, flags, 0, 0, 0, 0, 0, mode)
            : OpenAtSysV(directory, path, flags, mode);

    /// <summary>open(2) with a mode, on any supported ABI.</summary>
    public static int OpenPath(byte[] path, int flags, int mode) =>
        OpenAt(UnixPlatform.Current.AtCurrentDirectory, path, flags, mode);

    /// <summary>fstat(2) into <paramref name="status"/> (at least <see cref="UnixPlatform.StatBufferSize"/> bytes).</summary>
    public static int FStat(int descriptor, byte[] status)
    {
        var platform = UnixPlatform.Current;
        if (platform.IsMacOS)
        {
            return platform.Architecture == Architecture.X64 ? FStatInode64(descriptor, status) : FStatPlain(descriptor, status);
        }
        if (Volatile.Read(ref _fstatFallback) == 0)
        {
            try
            {
                return FStatPlain(descriptor, status);
            }
            catch (EntryPointNotFoundException)
            {
                Volatile.Write(ref _fstatFallback, 1);
            }
        }
        return FxStat(platform.Architecture == Architecture.X64 ? 1 : 0, descriptor, status);
    }

    /// <summary>A path as libc takes it: UTF-8, NUL-terminated.</summary>
    public static byte[] PathBytes(string path)
    {
        if (path.IndexOf('\0') >= 0) throw new ArgumentException("The path contains a NUL character.", nameof(path));
        var length = System.Text.Encoding.UTF8.GetByteCount(path);
        var bytes = new byte[length + 1];
        System.Text.Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }
}
