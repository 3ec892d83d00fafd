using System.Globalization;

namespace StsFtw.PowerShell.Bench.Measurement;

/// <summary>Order statistics of one series of measurements (nearest-rank percentiles, no interpolation).</summary>
public sealed record Summary(int Count, double Median, double P90, double Min, double Max)
{
    /// <summary>Summarises <paramref name="values"/>; an empty series gives NaN everywhere.</summary>
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        return new Summary(sorted.Length, MedianOf(sorted), Rank(sorted, 0.90), sorted[0], sorted[^1]);
    }

    /// <summary>A number with a fixed count of decimals, or "-" for NaN.</summary>
    public static string Format(double value, int decimals = 0) =>
        double.IsNaN(value) ? "-" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static double MedianOf(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
