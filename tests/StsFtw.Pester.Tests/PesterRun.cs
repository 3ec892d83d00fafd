using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace StsFtw.Pester.Tests;

/// <summary>One Pester file run in a fresh real pwsh (the repository's local tool) through tests/pester/Invoke-PesterSuite.ps1.</summary>
internal sealed record PesterRun(int Passed, int Failed, int Skipped, int Total, IReadOnlyList<PesterFailure> Failures, IReadOnlyList<string> Output)
{
    private static readonly IReadOnlyDictionary<string, string> Metadata = typeof(PesterRun).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value ?? "");

    /// <summary>The repository's root folder.</summary>
    public static string RepositoryRoot => Metadata["RepositoryRoot"];

    /// <summary>The module folder the build laid out, which the suites import.</summary>
    public static string ModuleManifest =>
        Path.Combine(RepositoryRoot, "artifacts", "module", Metadata["Configuration"], "StsFtw", "StsFtw.psd1");

    /// <summary>Runs <paramref name="suite"/> (a path relative to the repository) and reads its outcome.</summary>
    public static async Task<PesterRun> RunAsync(string suite, TimeSpan timeout)
    {
        var resultFile = Path.Combine(Path.GetTempPath(), $"stsftw-pester-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "tool", "run", "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-File",
            Path.Combine(RepositoryRoot, "tests", "pester", "Invoke-PesterSuite.ps1"),
            "-Path", Path.Combine(RepositoryRoot, suite), "-PesterManifest", Metadata["PesterManifest"], "-ResultFile", resultFile,
        })
        {
            start.ArgumentList.Add(argument);
        }
        // Each suite sets the STS_* and AWS_* variables it needs; none leaks in from the machine running the tests.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STS_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["STSFTW_MODULE_MANIFEST"] = ModuleManifest;
        start.Environment["STSFTW_REPOSITORY_ROOT"] = RepositoryRoot;
        start.Environment["STSFTW_SANDBOX_ASSEMBLY"] = Metadata["SandboxAssembly"];
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{suite} did not finish within {timeout.TotalMinutes} minutes.");
        }
        var output = (await stdout + await stderr).Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        try
        {
            if (!File.Exists(resultFile))
            {
                throw new InvalidOperationException(
                    $"pwsh exited with {process.ExitCode} and wrote no result for {suite}:\n{string.Join('\n', output.TakeLast(40))}");
            }
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(resultFile));
            var root = document.RootElement;
            var failures = root.GetProperty("failures").ValueKind == JsonValueKind.Array
                ? root.GetProperty("failures").EnumerateArray()
                    .Select(f => new PesterFailure(f.GetProperty("name").GetString() ?? "", f.GetProperty("message").GetString() ?? "")).ToList()
                : new List<PesterFailure>();
            return new PesterRun(
                root.GetProperty("passed").GetInt32(), root.GetProperty("failed").GetInt32(), root.GetProperty("skipped").GetInt32(),
                root.GetProperty("total").GetInt32(), failures, output);
        }
        finally
        {
            File.Delete(resultFile);
        }
    }
}

/// <summary>A failed Pester test (or a failed container) and what it said.</summary>
internal sealed record PesterFailure(string Name, string Message);
