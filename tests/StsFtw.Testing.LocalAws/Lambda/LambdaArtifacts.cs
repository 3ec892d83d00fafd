using System.Diagnostics;

namespace StsFtw.Testing.Lambda;

/// <summary>Where the backend's builds are: the JIT assembly from the normal build, and the Native AOT binary and zip from a publish.</summary>
public static class LambdaArtifacts
{
    private static readonly Lazy<Task<string>> AotPublish = new(PublishAotAsync);

    /// <summary>The folder holding <c>StsFtw.slnx</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The build configuration the tests were built with (Release or Debug).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    /// <summary>The backend built for the JIT (<c>dotnet bootstrap.dll</c>), from the same configuration as the tests.</summary>
    public static string JitAssembly
    {
        get
        {
            var path = Path.Combine(RepositoryRoot, "src", "StsFtw.Lambda", "bin", Configuration, "net10.0", "bootstrap.dll");
            if (!File.Exists(path)) throw new InvalidOperationException($"The backend is not built at '{path}'; build the solution first.");
            return path;
        }
    }

    /// <summary>Where <see cref="PublishAotAsync"/> puts the binary and the zip.</summary>
    public static string AotDirectory => Path.Combine(RepositoryRoot, "artifacts", "lambda", "linux-x64");

    /// <summary>The deployable zip the publish produces next to the binary.</summary>
    public static string AotZip => Path.Combine(AotDirectory, "bootstrap-linux-x64.zip");

    /// <summary>
    /// Publishes the Native AOT binary at most once per test run (<c>dotnet publish -c Release -r linux-x64</c>, about
    /// 50 s) and returns its path. A binary and zip newer than every source and project file of the backend, the AWS
    /// adapters and Core, and than the repository's build and package settings, are reused as they are, as make would.
    /// </summary>
    public static Task<string> EnsureAotBinaryAsync() => AotPublish.Value;

    private static bool IsUpToDate(string binary)
    {
        if (!File.Exists(binary) || !File.Exists(AotZip)) return false;
        var built = File.GetLastWriteTimeUtc(binary);
        var inputs = new[] { "StsFtw.Lambda", "StsFtw.Aws", "StsFtw.Core" }.Select(project => Path.Combine(RepositoryRoot, "src", project))
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "LICENSE" }.Select(file => Path.Combine(RepositoryRoot, file)));
        return inputs.All(file => File.GetLastWriteTimeUtc(file) < built);
    }

    private static async Task<string> PublishAotAsync()
    {
        var published = Path.Combine(AotDirectory, "bootstrap");
        if (IsUpToDate(published)) return published;
        await using var buildLock = await LockBuildsAsync().ConfigureAwait(false);
        if (IsUpToDate(published)) return published; // published by whoever held the lock

        var project = Path.Combine(RepositoryRoot, "src", "StsFtw.Lambda", "StsFtw.Lambda.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "-o", AotDirectory, "--nologo" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await output.ConfigureAwait(false)}\n{await error.ConfigureAwait(false)}");
        }
        var binary = Path.Combine(AotDirectory, "bootstrap");
        if (!File.Exists(binary)) throw new InvalidOperationException($"dotnet publish left no binary at '{binary}'.");
        return binary;
    }

    /// <summary>
    /// Takes <c>artifacts/build.lock</c>, which test code holds while it builds or publishes inside the repository:
    /// <c>dotnet test</c> runs test projects side by side, and two builds sharing <c>obj/</c> corrupt it. The Pester
    /// suites take the same lock (<c>Use-BuildLock</c> in <c>tests/pester/TestSupport.ps1</c>).
    /// </summary>
    private static async Task<FileStream> LockBuildsAsync()
    {
        var path = Path.Combine(RepositoryRoot, "artifacts", "build.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
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
