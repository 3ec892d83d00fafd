using System.Globalization;

namespace StsFtw.Client;

/// <summary>ISO 8601 UTC timestamps to the second, as AWS writes them (<c>2026-11-23T10:00:00Z</c>).</summary>
public static class IsoTimestamp
{
    /// <summary>Formats <paramref name="moment"/> in UTC.</summary>
    public static string Format(DateTimeOffset moment) =>
        moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
