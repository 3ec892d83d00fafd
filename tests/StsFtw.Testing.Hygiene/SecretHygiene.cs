using System.Text;

namespace StsFtw.Testing.Hygiene;

/// <summary>
/// The check every capture point calls with what it captured (log lines, error messages, problem bodies): counts the
/// lines and throws <see cref="SecretLeakException"/> when any holds a secret.
/// </summary>
public static class SecretHygiene
{
    /// <summary>Checks <paramref name="lines"/> captured at <paramref name="capturePoint"/> against <paramref name="ledger"/> and the patterns.</summary>
    public static void AssertClean(string capturePoint, IEnumerable<string?> lines, SecretLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var checkedLines = lines.Where(l => l is not null).Select(l => l!).ToList();
        HygieneCounters.Record(capturePoint, checkedLines.Count);
        if (checkedLines.Count == 0) return;

        var codes = ledger?.CodesNow();
        // What the whole assembly knows (the phone's codes, the stand-ins' keys) is looked for at every capture point too.
        var suite = ReferenceEquals(ledger, SecretLedger.Suite) ? null : SecretLedger.Suite;
        var suiteCodes = suite?.CodesNow();
        var report = new StringBuilder();
        foreach (var line in checkedLines)
        {
            var findings = SecretDetector.Scan(line, ledger, codes);
            if (suite is not null) findings = [.. findings, .. SecretDetector.Scan(line, suite, suiteCodes).Where(f => f.Rule.StartsWith("known", StringComparison.Ordinal))];
            if (findings.Count == 0) continue;
            report.Append($"  {string.Join(", ", findings.Select(f => $"{f.Kind} ({f.Rule})").Distinct())}: {SecretDetector.Mask(line, findings)}\n");
        }
        if (report.Length > 0) throw new SecretLeakException($"A secret appeared at the capture point '{capturePoint}':\n{report}");
    }

    /// <summary>Every message of <paramref name="exception"/> and its inner exceptions, for <see cref="AssertClean"/>.</summary>
    public static IEnumerable<string> MessagesOf(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current.Message;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(MessagesOf)) yield return inner;
            }
        }
    }
}
