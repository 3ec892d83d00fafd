using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace StsFtw.Testing.Hygiene;

/// <summary>
/// How many captured lines each capture point checked in this test run. Written, when the test process exits, to
/// <c>artifacts/hygiene/&lt;test assembly&gt;.txt</c> so a full run's figures can be read back.
/// </summary>
public static class HygieneCounters
{
    private static readonly ConcurrentDictionary<string, long[]> Points = new(StringComparer.Ordinal);

    static HygieneCounters() => AppDomain.CurrentDomain.ProcessExit += (_, _) => WriteReport();

    /// <summary>Counts one check of <paramref name="lines"/> lines at <paramref name="capturePoint"/>.</summary>
    public static void Record(string capturePoint, int lines)
    {
        var counts = Points.GetOrAdd(capturePoint, _ => new long[2]);
        Interlocked.Increment(ref counts[0]);
        Interlocked.Add(ref counts[1], lines);
    }

    /// <summary>Checks and lines so far, per capture point.</summary>
    public static IReadOnlyDictionary<string, (long Checks, long Lines)> Snapshot() =>
        Points.ToDictionary(p => p.Key, p => (Interlocked.Read(ref p.Value[0]), Interlocked.Read(ref p.Value[1])), StringComparer.Ordinal);

    /// <summary>The figures as a table.</summary>
    public static string Report()
    {
        var snapshot = Snapshot();
        var text = new StringBuilder();
        foreach (var (point, (checks, lines)) in snapshot.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append($"{point}\t{checks} checks\t{lines} lines\n");
        text.Append($"total\t{snapshot.Count} capture points\t{snapshot.Values.Sum(v => v.Checks)} checks\t{snapshot.Values.Sum(v => v.Lines)} lines\n");
        return text.ToString();
    }

    private static void WriteReport()
    {
        if (Points.IsEmpty) return;
        try
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "StsFtw.slnx"))) root = root.Parent;
            if (root is null) return;
            var folder = Path.Combine(root.FullName, "artifacts", "hygiene");
            Directory.CreateDirectory(folder);
            var name = Assembly.GetEntryAssembly()?.GetName().Name is { } entry && !entry.StartsWith("testhost", StringComparison.OrdinalIgnoreCase)
                ? entry
                : AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).FirstOrDefault(n => n?.EndsWith(".Tests", StringComparison.Ordinal) == true) ?? "tests";
            File.WriteAllText(Path.Combine(folder, name + ".txt"), Report());
        }
        catch (IOException)
        {
        }
    }
}
