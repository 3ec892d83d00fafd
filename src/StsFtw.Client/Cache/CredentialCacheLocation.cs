using System.Runtime.InteropServices;
using StsFtw.Core.Hosting;

namespace StsFtw.Client.Cache;

/// <summary>
/// Where the credential cache lives: <c>STS_CACHE_DIR</c> when set (tests, or a person who wants it elsewhere); else on
/// Windows <c>%LOCALAPPDATA%\StsFtw\cache</c>, and on Unix <c>$XDG_CACHE_HOME/stsftw</c> or <c>~/.cache/stsftw</c>.
/// </summary>
public static class CredentialCacheLocation
{
    /// <summary>The variable that overrides the folder; it must hold an absolute path.</summary>
    public const string DirectoryVariable = "STS_CACHE_DIR";

    /// <summary>The folder for this user.</summary>
    /// <exception cref="ArgumentException"><c>STS_CACHE_DIR</c> is not an absolute path, or no home folder is known.</exception>
    public static string Resolve(IEnvironmentVariables environment)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        if (environment.Get(DirectoryVariable) is { } configured)
        {
            return IsAbsolute(configured)
                ? Path.GetFullPath(configured)
                : throw new ArgumentException($"{DirectoryVariable} must be an absolute path.", nameof(environment));
        }
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var local = environment.Get("LOCALAPPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return IsAbsolute(local) ? Path.Combine(local, "StsFtw", "cache") : throw NoHome("%LOCALAPPDATA%");
        }
        // The XDG base directory specification says a relative XDG_CACHE_HOME is invalid and to be ignored.
        if (environment.Get("XDG_CACHE_HOME") is { } xdg && IsAbsolute(xdg)) return Path.Combine(xdg, "stsftw");
        var home = environment.Get("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return IsAbsolute(home) ? Path.Combine(home, ".cache", "stsftw") : throw NoHome("$HOME");
    }

    private static bool IsAbsolute(string? path) => !string.IsNullOrEmpty(path) && Path.IsPathRooted(path) &&
        (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || path!.Length >= 3 && (path[1] == ':' || path.StartsWith(@"\\", StringComparison.Ordinal)));

    private static ArgumentException NoHome(string variable) =>
        new($"The credential cache has no folder: {variable} is not set. Set {DirectoryVariable} to an absolute path.", "environment");
}
