using System.Globalization;
using StsFtw.Client.Files;
using StsFtw.Client.Files.Unix;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Children;

/// <summary>
/// <c>secret-write PATH</c>: writes PATH with <see cref="SecretFile.Write"/> and prints, in octal, the mode the
/// temporary file had the instant open(2) created it, then the final file's mode. Run under <c>umask 000</c> it shows
/// the mode does not come from the umask.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class SecretWriteChild
{
    public const string Mode = "secret-write";

    public static int Run(string[] args)
    {
        var born = new List<UnixFileMode>();
        UnixSecretFiles.TemporaryCreated = (descriptor, _) => born.Add(UnixFiles.ModeOf(descriptor));
        SecretFile.Write(args[1], "child"u8.ToArray());
        Console.Out.WriteLine(string.Join(" ", born.Select(Octal)) + " " + Octal(File.GetUnixFileMode(args[1])));
        return 0;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(3, '0').ToString(CultureInfo.InvariantCulture);
}
