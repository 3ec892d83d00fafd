using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StsFtw.Client.Tests.Support;

/// <summary>What the file tests need from Unix beyond .NET: the mode of an open descriptor, owners, FIFOs, a private temporary folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class UnixFiles
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The uid nobody uses: 65534 (<c>nobody</c>).</summary>
    public const int Nobody = 65534;

    public static bool IsRoot => GetEUid() == 0;

    /// <summary>The permission bits of an open descriptor (fstat), as .NET reads them.</summary>
    public static UnixFileMode ModeOf(int descriptor)
    {
        using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(descriptor, ownsHandle: false);
        return File.GetUnixFileMode(handle);
    }

    public static void Chown(string path, int uid) => Run("chown", "-h", uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path);

    public static void MakeFifo(string path) => Run("mkfifo", path);

    public static uint OwnerOf(string path)
    {
        var output = Run("stat", "-c", "%u", path);
        return uint.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A new folder with mode 0700 under the temporary folder; deleted by <see cref="TemporaryFolder.Dispose"/>.</summary>
    public static TemporaryFolder NewFolder() => new(Directory.CreateTempSubdirectory("stsftw-test-").FullName);

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {error}");
        return output;
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEUid();

    public sealed class TemporaryFolder(string path) : IDisposable
    {
        public string Path { get; } = path;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temporary folder.
            }
        }
    }
}
