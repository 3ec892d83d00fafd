using System.Globalization;

namespace StsFtw.Lambda.Bench.Rig;

/// <summary>Reads a process's memory figures from <c>/proc/&lt;pid&gt;/status</c> (Linux).</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size (<c>VmHWM</c>) in MB, or NaN when it cannot be read.</summary>
    public static double PeakResidentMegabytes(int processId) => Read(processId, "VmHWM:");

    private static double Read(int processId, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                var kilobytes = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return double.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        catch (IOException)
        {
        }
        return double.NaN;
    }
}
