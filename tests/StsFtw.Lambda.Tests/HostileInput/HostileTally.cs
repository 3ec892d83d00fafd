using System.Text;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>Per-class figures for one path: entries, statuses, how many reached the table, how many broke a rule.</summary>
internal sealed class HostileTally(string path)
{
    private readonly SortedDictionary<string, (int Count, int ReachedTable, int Broken, SortedDictionary<int, int> Statuses)> _classes = new(StringComparer.Ordinal);
    private readonly List<string> _failures = new();

    public IReadOnlyList<string> Failures => _failures;

    public int Count => _classes.Values.Sum(c => c.Count);

    public void Record(HostileRequest request, HostileAnswer answer, IReadOnlyList<string> awsCalls, IReadOnlyList<string> broken)
    {
        if (!_classes.TryGetValue(request.Class, out var row)) row = (0, 0, 0, new SortedDictionary<int, int>());
        row.Statuses[answer.Status] = row.Statuses.GetValueOrDefault(answer.Status) + 1;
        var reached = awsCalls.Any(c => c.StartsWith("dynamodb.", StringComparison.Ordinal));
        _classes[request.Class] = (row.Count + 1, row.ReachedTable + (reached ? 1 : 0), row.Broken + (broken.Count > 0 ? 1 : 0), row.Statuses);
        if (broken.Count > 0) _failures.Add($"[{path}] {request}: {string.Join("; ", broken)}");
    }

    public string Report()
    {
        var text = new StringBuilder($"path {path}: {Count} hostile requests\n");
        text.Append($"  {"class",-32} {"count",5} {"table",5} {"broken",6}  statuses\n");
        foreach (var (name, row) in _classes)
        {
            text.Append($"  {name,-32} {row.Count,5} {row.ReachedTable,5} {row.Broken,6}  {string.Join(" ", row.Statuses.Select(s => $"{s.Key}x{s.Value}"))}\n");
        }
        return text.ToString();
    }
}
