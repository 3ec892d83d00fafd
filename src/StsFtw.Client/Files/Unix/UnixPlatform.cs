using System.Runtime.InteropServices;

namespace StsFtw.Client.Files.Unix;

/// <summary>
/// The numbers libc uses on this Unix: open(2) flags, error numbers, and where <c>struct stat</c> and
/// <c>struct termios</c> keep the fields StsFtw reads. Supported: Linux (x64, arm64, and the 32-bit x86 and arm; glibc
/// or musl) and macOS (x64, arm64). The <c>struct stat</c> layout is known only for the 64-bit ones
/// (<see cref="CanReadFileStatus"/>); where it is not, owner-only files are still created safely but nothing read
/// back is trusted. Elsewhere <see cref="IsSupported"/> is false and the callers fail closed.
/// </summary>
internal sealed class UnixPlatform
{
    /// <summary>Bytes allocated for a <c>struct stat</c>: more than any supported layout needs.</summary>
    public const int StatBufferSize = 256;

    /// <summary>Bytes allocated for a <c>struct termios</c>: more than any supported layout needs.</summary>
    public const int TermiosBufferSize = 128;

    public const int ReadOnly = 0;
    public const int WriteOnly = 1;
    public const int ReadWrite = 2;

    public const int FileTypeMask = 0xF000;
    public const int RegularFile = 0x8000;
    public const int DirectoryType = 0x4000;

    public const int Interrupted = 4;
    public const int NoSuchFile = 2;
    public const int NoDevice = 6;
    public const int Exists = 17;
    public const int NotADirectory = 20;

    private UnixPlatform(bool supported, bool macOS, Architecture architecture)
    {
        IsSupported = supported;
        CanReadFileStatus = supported && IntPtr.Size == 8 && (architecture == Architecture.X64 || architecture == Architecture.Arm64);
        IsMacOS = macOS;
        Architecture = architecture;
        var armLinux = !macOS && (architecture == Architecture.Arm64 || architecture == Architecture.Arm);
        Create = macOS ? 0x200 : 0x40;
        Exclusive = macOS ? 0x800 : 0x80;
        NoControllingTerminal = macOS ? 0x20000 : 0x100;
        NonBlocking = macOS ? 0x4 : 0x800;
        CloseOnExec = macOS ? 0x1000000 : 0x80000;
        Directory = macOS ? 0x100000 : armLinux ? 0x4000 : 0x10000;
        NoFollow = macOS ? 0x100 : armLinux ? 0x8000 : 0x20000;
        TooManyLinks = macOS ? 62 : 40;
        AtCurrentDirectory = macOS ? -2 : -100;
        VariadicOnStack = macOS && architecture == Architecture.Arm64;
    }

    /// <summary>This process's platform.</summary>
    public static UnixPlatform Current { get; } = Detect();

    /// <summary>True where the open(2) flags, error numbers and <c>struct termios</c> layout below are known.</summary>
    public bool IsSupported { get; }

    /// <summary>True where <see cref="ReadStat"/> knows the <c>struct stat</c> layout (64-bit Linux and macOS).</summary>
    public bool CanReadFileStatus { get; }

    public bool IsMacOS { get; }

    public Architecture Architecture { get; }

    public int Create { get; }

    public int Exclusive { get; }

    public int NoControllingTerminal { get; }

    public int NonBlocking { get; }

    public int CloseOnExec { get; }

    public int Directory { get; }

    public int NoFollow { get; }

    /// <summary>ELOOP: what open(2) with <c>O_NOFOLLOW</c> answers for a symbolic link.</summary>
    public int TooManyLinks { get; }

    /// <summary>AT_FDCWD.</summary>
    public int AtCurrentDirectory { get; }

    /// <summary>True on Apple arm64, where a variadic argument goes on the stack.</summary>
    public bool VariadicOnStack { get; }

    /// <summary>The mode (type and permission bits), owner and size in a <c>struct stat</c> filled by fstat.</summary>
    public (int Mode, uint Owner, long Size) ReadStat(byte[] status)
    {
        if (IsMacOS) return (BitConverter.ToUInt16(status, 4), BitConverter.ToUInt32(status, 16), BitConverter.ToInt64(status, 96));
        return Architecture == Architecture.X64
            ? ((int)BitConverter.ToUInt32(status, 24), BitConverter.ToUInt32(status, 28), BitConverter.ToInt64(status, 48))
            : ((int)BitConverter.ToUInt32(status, 16), BitConverter.ToUInt32(status, 24), BitConverter.ToInt64(status, 48));
    }

    /// <summary>
    /// Turns off echo, canonical input, signals from control keys and extended input processing in a
    /// <c>struct termios</c>, and asks read(2) for one byte at a time.
    /// </summary>
    public void MakeRaw(byte[] termios)
    {
        // Linux: tcflag_t is 32-bit, c_lflag at 12, c_cc at 17 (after c_line), VTIME 5, VMIN 6;
        //        ISIG 0x1, ICANON 0x2, ECHO 0x8, ECHOE 0x10, ECHOK 0x20, ECHONL 0x40, IEXTEN 0x8000.
        // macOS: tcflag_t is 64-bit, c_lflag at 24, c_cc at 32, VMIN 16, VTIME 17;
        //        ECHOE 0x2, ECHOK 0x4, ECHO 0x8, ECHONL 0x10, ISIG 0x80, ICANON 0x100, IEXTEN 0x400.
        if (IsMacOS)
        {
            var flags = BitConverter.ToUInt64(termios, 24) & ~(ulong)(0x8 | 0x2 | 0x4 | 0x10 | 0x80 | 0x100 | 0x400);
            BitConverter.GetBytes(flags).CopyTo(termios, 24);
            termios[32 + 16] = 1;
            termios[32 + 17] = 0;
        }
        else
        {
            var flags = BitConverter.ToUInt32(termios, 12) & ~(uint)(0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x40 | 0x8000);
            BitConverter.GetBytes(flags).CopyTo(termios, 12);
            termios[17 + 6] = 1;
            termios[17 + 5] = 0;
        }
    }

    /// <summary>TCSAFLUSH: apply after output drains, discarding unread input (typed before echo was off).</summary>
    public int SetAfterFlush => 2;

    private static UnixPlatform Detect()
    {
        var architecture = RuntimeInformation.ProcessArchitecture;
        var macOS = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
        var linux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
        var supported = macOS
            ? IntPtr.Size == 8 && (architecture == Architecture.X64 || architecture == Architecture.Arm64)
            : linux && (architecture == Architecture.X64 || architecture == Architecture.Arm64 || architecture == Architecture.X86 || architecture == Architecture.Arm);
        return new UnixPlatform(supported, macOS, architecture);
    }
}
