using System.Text;

namespace StsFtw.Bench.Common;

/// <summary>A fixed-width text table: the first column left-aligned, the others right-aligned.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = new();

    /// <summary>Adds a row (missing cells are blank).</summary>
    public TextTable Row(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    /// <summary>Writes the table, indented by two spaces.</summary>
    public void WriteTo(TextWriter output)
    {
        var widths = new int[headers.Length];
        foreach (var row in _rows.Prepend(headers))
        {
            for (var i = 0; i < widths.Length && i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        }
        output.WriteLine(Line(headers, widths));
        output.WriteLine("  " + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows) output.WriteLine(Line(row, widths));
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder("  ");
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : string.Empty;
            if (i > 0) line.Append("  ");
            line.Append(i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
        }
        return line.ToString().TrimEnd();
    }
}
