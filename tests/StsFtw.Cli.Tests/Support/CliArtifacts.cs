using System.Diagnostics;

namespace StsFtw.Cli.Tests.Support;

/// <summary>
/// The published Native AOT binary (<c>dotnet publish -c Release -r linux-x64</c> into <c>artifacts/cli/linux-x64</c>),
/// published at most once per test run and reused while newer than every source of the client, Core and the CLI.
/// Publishing holds <c>artifacts/build.lock</c>, the lock the backend's AOT publish and the Pester suites take.
/// </summary>
public static class CliArtifacts
{
    private static readonly Lazy<Task<string>> Publish = new(PublishAsync);
    private static readonly Lazy<Task<string>> Pack = new(PackAsync);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Directory => Path.Combine(RepositoryRoot, "artifacts", "cli", "linux-x64");

    public static Task<string> EnsureBinaryAsync() => Publish.Value;

    /// <summary>
    /// The .NET tool packages, made once per test run into <c>artifacts/cli/packages</c>: <c>dotnet pack</c> (the
    /// top-level StsFtw.Cli) and <c>dotnet pack -r linux-x64</c> (StsFtw.Cli.linux-x64, the native binary).
    /// </summary>
    public static Task<string> EnsureToolPackagesAsync() => Pack.Value;

    private static bool IsUpToDate(string binary)
    {
        if (!File.Exists(binary)) return false;
        var built = File.GetLastWriteTimeUtc(binary);
        var separator = Path.DirectorySeparatorChar;
        var inputs = new[] { "StsFtw.Cli", "StsFtw.Client", "StsFtw.Core", "StsFtw.PowerShell.Engine", "StsFtw.Aws" }.Select(project => Path.Combine(RepositoryRoot, "src", project))
            .SelectMany(folder => System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{separator}bin{separator}", StringComparison.Ordinal) && !file.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props" }.Select(file => Path.Combine(RepositoryRoot, file)));
        return inputs.All(file => File.GetLastWriteTimeUtc(file) < built);
    }

    private static string Project => Path.Combine(RepositoryRoot, "src", "StsFtw.Cli", "StsFtw.Cli.csproj");

    private static async Task<string> PublishAsync()
    {
        var binary = Path.Combine(Directory, "stsftw");
        if (IsUpToDate(binary)) return binary;
        await using var buildLock = await LockBuildsAsync().ConfigureAwait(false);
        if (IsUpToDate(binary)) return binary;

        await DotnetAsync("publish", Project, "-c", "Release", "-r", "linux-x64", "-o", Directory, "--nologo").ConfigureAwait(false);
        return File.Exists(binary) ? binary : throw new InvalidOperationException($"dotnet publish left no binary at '{binary}'.");
    }

    private static async Task<string> PackAsync()
    {
        var folder = Path.Combine(RepositoryRoot, "artifacts", "cli", "packages");
        await using var buildLock = await LockBuildsAsync().ConfigureAwait(false);
        if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        await DotnetAsync("pack", Project, "-c", "Release", "-o", folder, "--nologo").ConfigureAwait(false);
        await DotnetAsync("pack", Project, "-c", "Release", "-r", "linux-x64", "-o", folder, "--nologo").ConfigureAwait(false);
        return folder;
    }

    private static async Task DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments[0]} failed ({process.ExitCode}):\n{await output.ConfigureAwait(false)}\n{await error.ConfigureAwait(false)}");
        }
    }

    private static async Task<FileStream> LockBuildsAsync()
    {
        var path = Path.Combine(RepositoryRoot, "artifacts", "build.lock");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StsFtw.slnx"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' holds StsFtw.slnx.");
    }
}
