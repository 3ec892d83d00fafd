using System.Management.Automation;
using StsFtw.Client.Files;
using StsFtw.Core.Hosting;

namespace StsFtw.PowerShell.Hosting;

/// <summary>Reading and writing the AWS config file for Register-StsProfile and Unregister-StsProfile (the same code as stsftw profile).</summary>
internal static class ProfileFiles
{
    /// <summary>-ConfigFilePath resolved against the current location, else $env:AWS_CONFIG_FILE, else ~/.aws/config.</summary>
    public static string ConfigFile(PSCmdlet cmdlet, string? parameter, IEnvironmentVariables environment) =>
        parameter is not null ? cmdlet.GetUnresolvedProviderPathFromPSPath(parameter) : AwsConfigLocation.Resolve(environment);

    /// <summary>The file's text (null when there is no file), and whether it began with a UTF-8 byte order mark.</summary>
    public static (string? Text, bool Bom) Read(string path) => ConfigFileContent.Read(path);

    /// <summary>Replaces the file atomically (owner-only), keeping a byte order mark it had.</summary>
    public static void Write(string path, (string? Text, bool Bom) original, string text) => ConfigFileContent.Write(path, original, text);
}
