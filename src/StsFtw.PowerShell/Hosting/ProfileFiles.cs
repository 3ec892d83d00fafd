using System.Management.Automation;
using System.Text;
using StsFtw.Client.Files;
using StsFtw.Core.Hosting;

namespace StsFtw.PowerShell.Hosting;

/// <summary>Reading and writing the AWS config file for Register-StsProfile and Unregister-StsProfile.</summary>
internal static class ProfileFiles
{
    private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

    /// <summary>-ConfigFilePath resolved against the current location, else $env:AWS_CONFIG_FILE, else ~/.aws/config.</summary>
    public static string ConfigFile(PSCmdlet cmdlet, string? parameter, IEnvironmentVariables environment) =>
        parameter is not null ? cmdlet.GetUnresolvedProviderPathFromPSPath(parameter) : AwsConfigLocation.Resolve(environment);

    /// <summary>The file's text (null when there is no file), and whether it began with a UTF-8 byte order mark.</summary>
    public static (string? Text, bool Bom) Read(string path)
    {
        if (!File.Exists(path)) return (null, false);
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.Length >= 3 && bytes[0] == Utf8Bom[0] && bytes[1] == Utf8Bom[1] && bytes[2] == Utf8Bom[2];
        var text = new UTF8Encoding(false, true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        return (text, bom);
    }

    /// <summary>Replaces the file atomically (owner-only), keeping a byte order mark it had.</summary>
    public static void Write(string path, (string? Text, bool Bom) original, string text)
    {
        var body = new UTF8Encoding(false).GetBytes(text);
        OwnerOnlyFile.WriteAtomically(path, original.Bom ? Utf8Bom.Concat(body).ToArray() : body);
    }
}
