using System.Globalization;
using StsFtw.Client.Cache;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Children;

/// <summary>
/// <c>cache-race DIR GO TAG ROUNDS</c>: prints <c>ready</c>, waits until the file GO exists, then ROUNDS times writes an
/// entry tagged TAG and the round number for one key in the cache DIR and reads that key back. Every read must be a
/// whole entry (of any writer). Prints <c>ok</c> and exits 0, or prints what it saw and exits 1.
/// </summary>
public static class CacheRaceChild
{
    public const string Mode = "cache-race";

    public static int Run(string[] args)
    {
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        var go = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(args[2]) && DateTime.UtcNow < go) Thread.Sleep(5);
        var problem = Race(new CredentialCache(args[1]), args[3], int.Parse(args[4], CultureInfo.InvariantCulture));
        Console.Out.WriteLine(problem ?? "ok");
        return problem is null ? 0 : 1;
    }

    /// <summary>Writes and reads <paramref name="rounds"/> times; null when every read was whole, else what went wrong.</summary>
    public static string? Race(CredentialCache cache, string tag, int rounds)
    {
        var key = CacheSamples.Key();
        for (var round = 0; round < rounds; round++)
        {
            cache.Write(CacheSamples.Entry(tag + "r" + round.ToString(CultureInfo.InvariantCulture), key));
            var lookup = cache.Read(key);
            if (lookup.Status != CacheLookupStatus.Hit) return $"round {round}: {lookup}";
            if (!CacheSamples.IsWhole(lookup.Entry!.Credentials)) return $"round {round}: a mixed entry";
        }
        return null;
    }
}
