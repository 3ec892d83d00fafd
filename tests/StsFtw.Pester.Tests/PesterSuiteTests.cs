using System.Text;
using StsFtw.Testing.Hygiene;
using Xunit.Abstractions;

namespace StsFtw.Pester.Tests;

/// <summary>
/// Every Pester suite of the repository, each in a fresh real pwsh: tests/pester (the module, build.ps1, the
/// installed package) and examples/ (admin scripts with their tests). A suite fails here with the name and message of
/// each failed Pester test; the counts go to the test output and to artifacts/pester for CI's summary.
/// </summary>
public sealed class PesterSuiteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(15);

    public static TheoryData<string> Suites()
    {
        var data = new TheoryData<string>();
        foreach (var suite in FindSuites()) data.Add(suite);
        return data;
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task SuitePassesInRealPwsh(string suite)
    {
        var run = await PesterRun.RunAsync(suite, SuiteTimeout);
        foreach (var line in run.Output) output.WriteLine(line);
        var summary = $"Pester {suite}: {run.Passed} passed, {run.Failed} failed, {run.Skipped} skipped";
        output.WriteLine(summary);
        RecordForCi(suite, run);

        SecretHygiene.AssertClean($"pwsh output of {suite}", run.Output);
        Assert.True(run.Total > 0 || run.Failed > 0, $"{suite} ran no test.");
        if (run.Failed > 0)
        {
            var report = new StringBuilder(summary).Append('\n');
            foreach (var failure in run.Failures) report.Append("- ").Append(failure.Name).Append(": ").Append(failure.Message).Append('\n');
            Assert.Fail(report.ToString());
        }
    }

    [Fact]
    public void SuitesAreFoundWhereTheyLive()
    {
        var suites = FindSuites();
        Assert.Contains(suites, s => s.StartsWith("tests/pester/", StringComparison.Ordinal));
    }

    private static List<string> FindSuites()
    {
        var root = PesterRun.RepositoryRoot;
        return new[] { Path.Combine(root, "tests", "pester"), Path.Combine(root, "examples") }
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.Tests.ps1", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static void RecordForCi(string suite, PesterRun run)
    {
        var folder = Path.Combine(PesterRun.RepositoryRoot, "artifacts", "pester");
        Directory.CreateDirectory(folder);
        var name = suite.Replace('/', '_').Replace(".Tests.ps1", "", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, name + ".txt"), $"{run.Passed} passed, {run.Failed} failed, {run.Skipped} skipped\n");
    }
}
