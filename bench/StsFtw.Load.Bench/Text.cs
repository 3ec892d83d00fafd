namespace StsFtw.Load.Bench;

/// <summary>Plain-text tables for the report (Markdown pipes, so they paste into SECURITY.md).</summary>
public static class Text
{
    /// <summary>Writes <paramref name="rows"/> (the first is the header) with padded columns.</summary>
    public static void Table(TextWriter output, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            output.WriteLine("| " + string.Join(" | ", rows[i].Select((cell, c) => cell.PadRight(widths[c]))) + " |");
            if (i == 0) output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        }
    }
}
