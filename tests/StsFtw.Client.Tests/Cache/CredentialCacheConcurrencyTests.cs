using System.Diagnostics;
using System.Runtime.Versioning;
using StsFtw.Client.Cache;
using StsFtw.Client.Tests.Children;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Cache;

/// <summary>
/// Writers and readers of one entry at once, in threads and in separate processes: every read is a whole entry of one
/// writer, never a mix or half a file, and no temporary file is left behind.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class CredentialCacheConcurrencyTests : IDisposable
{
    private readonly UnixFiles.TemporaryFolder _root = UnixFiles.NewFolder();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task ConcurrentThreadsOnOneEntryNeverSeeAPartialEntry()
    {
        var cache = new CredentialCache(Path.Combine(_root.Path, "stsftw"));
        cache.Write(CacheSamples.Entry("seed"));
        using var start = new Barrier(8);
        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return CacheRaceChild.Race(cache, "t" + i, 150);
        }));
        Assert.All(await Task.WhenAll(racers), Assert.Null);
        AssertOneWholeEntry(cache);
    }

    [Fact]
    public async Task ProcessesRacingOnOneEntryNeverCorruptIt()
    {
        var directory = Path.Combine(_root.Path, "stsftw");
        var go = _root.File("go");
        var (host, assembly) = TestChild.Command();
        var children = Enumerable.Range(0, 3).Select(i =>
        {
            var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { assembly, CacheRaceChild.Mode, directory, go, "p" + i, "200" }) start.ArgumentList.Add(argument);
            return Process.Start(start)!;
        }).ToList();
        try
        {
            foreach (var child in children) Assert.Equal("ready", await child.StandardOutput.ReadLineAsync().WaitAsync(TestChild.Timeout));
            File.WriteAllText(go, "go");
            var cache = new CredentialCache(directory);
            var inProcess = Task.Run(() => CacheRaceChild.Race(cache, "main", 200));
            foreach (var child in children)
            {
                var output = await child.StandardOutput.ReadToEndAsync().WaitAsync(TestChild.Timeout);
                await child.WaitForExitAsync().WaitAsync(TestChild.Timeout);
                Assert.True(child.ExitCode == 0, output + await child.StandardError.ReadToEndAsync());
                Assert.Equal("ok", output.Trim());
            }
            Assert.Null(await inProcess);
            AssertOneWholeEntry(cache);
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.HasExited) child.Kill(entireProcessTree: true);
                child.Dispose();
            }
        }
    }

    private static void AssertOneWholeEntry(CredentialCache cache)
    {
        var lookup = cache.Read(CacheSamples.Key());
        Assert.Equal(CacheLookupStatus.Hit, lookup.Status);
        Assert.True(CacheSamples.IsWhole(lookup.Entry!.Credentials));
        Assert.Single(Directory.GetFileSystemEntries(cache.Directory));
    }
}
