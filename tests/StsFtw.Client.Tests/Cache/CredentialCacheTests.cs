using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using StsFtw.Client.Cache;
using StsFtw.Client.Files;
using StsFtw.Client.Tests.Support;
using static StsFtw.Client.Tests.Support.CacheSamples;

namespace StsFtw.Client.Tests.Cache;

[UnsupportedOSPlatform("windows")]
public sealed class CredentialCacheTests : IDisposable
{
    private readonly UnixFiles.TemporaryFolder _root = UnixFiles.NewFolder();
    private readonly CredentialCache _cache;

    public CredentialCacheTests() => _cache = new CredentialCache(Path.Combine(_root.Path, "stsftw"));

    public void Dispose() => _root.Dispose();

    [Fact]
    public void StoredEntryReadsBackWithEveryField()
    {
        var key = Key(secondary: "bob", duration: 1800);
        var entry = Entry("one", key);
        _cache.Write(entry);
        var lookup = _cache.Read(key);
        Assert.Equal(CacheLookupStatus.Hit, lookup.Status);
        Assert.Equal(entry, lookup.Entry);
        Assert.Equal(entry.Credentials.SecretAccessKey, lookup.Entry!.Credentials.SecretAccessKey);
        Assert.Equal(entry.Credentials.AssumedRoleArn, lookup.Entry.Credentials.AssumedRoleArn);
    }

    [Fact]
    public void EntryFileIsOwnerOnlyInAnOwnerOnlyFolderAndNamedByTheKeyHash()
    {
        var key = Key();
        _cache.Write(Entry("one", key));
        var expectedName = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.Canonical))).ToLowerInvariant() + ".json";
        Assert.Equal(expectedName, Path.GetFileName(_cache.PathOf(key)));
        Assert.Equal(UnixFiles.OwnerReadWrite, File.GetUnixFileMode(_cache.PathOf(key)));
        Assert.Equal(UnixFiles.OwnerOnlyFolder, File.GetUnixFileMode(_cache.Directory));
    }

    [Fact]
    public void EveryKeyFieldSeparatesEntries()
    {
        var other = Client.Endpoint.CredentialEndpoint.Create("https://other.example.com/credentials");
        var keys = new[]
        {
            Key(), Key(account: "carol"), Key(role: "reader"), Key(secondary: "bob"), Key(duration: 900), Key(endpoint: other),
            new CredentialCacheKey(SampleEndpoint, "Other", "alice", "admin"),
        };
        Assert.Equal(keys.Length, keys.Select(k => k.FileName).Distinct().Count());
    }

    [Fact]
    public void CanonicalKeyCannotBeForgedByMovingTextBetweenFields()
    {
        var a = new CredentialCacheKey(SampleEndpoint, "ab", "c", "r");
        var b = new CredentialCacheKey(SampleEndpoint, "a", "bc", "r");
        var c = new CredentialCacheKey(SampleEndpoint, "a\naccount=1:b", "c", "r");
        Assert.Equal(3, new[] { a.FileName, b.FileName, c.FileName }.Distinct().Count());
    }

    [Fact]
    public void CacheFormatIsPinned()
    {
        var key = Key(secondary: "bob", duration: 3600);
        var entry = new CredentialCacheEntry(key, new BrokeredCredentials("ASIAPIN", "pin-secret", "pin-token") { Expiration = Now.AddHours(1), RoleArn = "arn:aws:iam::1:role/r" }, Now);
        var json = Encoding.UTF8.GetString(CredentialCacheFormat.Write(entry));
        Assert.Equal(
            """{"Format":"stsftw-credential-cache","Version":1,"StoredAt":"2026-11-30T10:00:00Z","Key":{"Endpoint":"https://sts.example.com/credentials","Issuer":"Example","AccountName":"alice","Role":"admin","SecondaryAccountName":"bob","DurationSeconds":3600},"Credentials":{"AccessKeyId":"ASIAPIN","SecretAccessKey":"pin-secret","SessionToken":"pin-token","Expiration":"2026-11-30T11:00:00Z","RoleArn":"arn:aws:iam::1:role/r"}}""",
            json);
        Assert.Equal(entry, CredentialCacheFormat.Read(Encoding.UTF8.GetBytes(json), out _));
    }

    [Fact]
    public void CanonicalKeyAndFileNameArePinned()
    {
        // The same example as docs/CACHE.md: every client must name this entry the same way.
        var key = Key(secondary: "bob", duration: 3600);
        Assert.Equal(
            "stsftw-credential-cache-key/1\nendpoint=35:https://sts.example.com/credentials\nissuer=7:Example\naccount=5:alice\nrole=5:admin\nsecondary=3:bob\nduration=4:3600\n",
            key.Canonical);
        Assert.Equal("bdd41539007db174f297bcf264439f67a83ca6465980199459ba9030ac004a68.json", key.FileName);
        Assert.EndsWith("secondary=0:\nduration=0:\n", Key().Canonical);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"Format":"stsftw-credential-cache","Version":1}""")]
    [InlineData("""{"Format":"other","Version":1,"StoredAt":"2026-11-30T10:00:00Z","Key":{},"Credentials":{}}""")]
    public void DamagedCacheEntryIsAMissAndIsReplacedByTheNextWrite(string content)
    {
        var key = Key();
        SecretFile.Write(_cache.PathOf(key), Encoding.UTF8.GetBytes(content));
        Assert.Equal(CacheLookupStatus.Damaged, _cache.Read(key).Status);
        _cache.Write(Entry("fresh", key));
        Assert.Equal(CacheLookupStatus.Hit, _cache.Read(key).Status);
    }

    [Theory]
    [InlineData("\"Version\":1,", "\"Version\":1,\"Version\":1,")]
    [InlineData("\"SessionToken\":", "\"SessionToken\":\"x\",\"SessionToken\":")]
    [InlineData("\"Expiration\":\"2026-11-30T11:00:00Z\"", "\"Expiration\":\"soon\"")]
    [InlineData("\"Expiration\":\"2026-11-30T11:00:00Z\",", "")]
    [InlineData("\"DurationSeconds\":3600", "\"DurationSeconds\":\"3600\"")]
    [InlineData("}}", "}},{}")]
    public void TamperedCacheEntryIsDamaged(string find, string replace)
    {
        var key = Key(duration: 3600);
        var json = Encoding.UTF8.GetString(CredentialCacheFormat.Write(Entry("one", key)));
        Assert.Contains(find, json);
        SecretFile.Write(_cache.PathOf(key), Encoding.UTF8.GetBytes(json.Replace(find, replace)));
        Assert.Equal(CacheLookupStatus.Damaged, _cache.Read(key).Status);
    }

    [Fact]
    public void CacheEntryOfAnotherFormatVersionIsAMiss()
    {
        var key = Key();
        var json = Encoding.UTF8.GetString(CredentialCacheFormat.Write(Entry("one", key))).Replace("\"Version\":1", "\"Version\":2");
        SecretFile.Write(_cache.PathOf(key), Encoding.UTF8.GetBytes(json));
        Assert.Equal(CacheLookupStatus.WrongVersion, _cache.Read(key).Status);
    }

    [Fact]
    public void CacheEntryCopiedToAnotherKeysNameIsAMiss()
    {
        var alice = Key();
        var mallory = Key(account: "mallory");
        _cache.Write(Entry("alice", alice));
        File.Copy(_cache.PathOf(alice), _cache.PathOf(mallory));
        Assert.Equal(CacheLookupStatus.KeyMismatch, _cache.Read(mallory).Status);
    }

    [Fact]
    public void CacheFileOwnedByAnotherUserIsIgnoredAndReplacedByTheNextWrite()
    {
        if (!UnixFiles.IsRoot) return; // Only root can give a file away; the CI and development machines run as root.
        var key = Key();
        _cache.Write(Entry("planted", key));
        UnixFiles.Chown(_cache.PathOf(key), UnixFiles.Nobody);
        var lookup = _cache.Read(key);
        Assert.Equal(CacheLookupStatus.Untrusted, lookup.Status);
        Assert.Equal(SecretFileStatus.OwnedByAnotherUser, lookup.FileStatus);
        Assert.Null(lookup.Entry);
        _cache.Write(Entry("mine", key));
        Assert.Equal(CacheLookupStatus.Hit, _cache.Read(key).Status);
        Assert.Equal(0u, UnixFiles.OwnerOf(_cache.PathOf(key)));
    }

    [Fact]
    public void WorldReadableCacheFileIsIgnored()
    {
        var key = Key();
        _cache.Write(Entry("one", key));
        File.SetUnixFileMode(_cache.PathOf(key), UnixFiles.OwnerReadWrite | UnixFileMode.OtherRead);
        Assert.Equal(CacheLookupStatus.Untrusted, _cache.Read(key).Status);
    }

    [Fact]
    public void SymlinkAtTheCachePathIsNotFollowed()
    {
        var key = Key();
        var elsewhere = new CredentialCache(Path.Combine(_root.Path, "elsewhere"));
        elsewhere.Write(Entry("planted", key));
        System.IO.Directory.CreateDirectory(_cache.Directory);
        File.CreateSymbolicLink(_cache.PathOf(key), elsewhere.PathOf(key));
        var lookup = _cache.Read(key);
        Assert.Equal(CacheLookupStatus.Untrusted, lookup.Status);
        Assert.Equal(SecretFileStatus.NotARegularFile, lookup.FileStatus);
    }

    [Fact]
    public void SymlinkedCacheFolderIsNotUsed()
    {
        var key = Key();
        var real = new CredentialCache(Path.Combine(_root.Path, "real"));
        real.Write(Entry("planted", key));
        System.IO.Directory.CreateSymbolicLink(_cache.Directory, real.Directory);
        Assert.Equal(SecretFileStatus.UnsafeFolder, _cache.Read(key).FileStatus);
        Assert.Throws<IOException>(() => _cache.Write(Entry("one", key)));
        Assert.Throws<IOException>(() => _cache.Clear());
    }

    [Fact]
    public void CredentialsWithoutAnExpirationAreNeverWritten()
    {
        var entry = new CredentialCacheEntry(Key(), new BrokeredCredentials("ASIA", "s", "t"), Now);
        Assert.Throws<ArgumentException>(() => _cache.Write(entry));
        Assert.False(System.IO.Directory.Exists(_cache.Directory) && System.IO.Directory.EnumerateFiles(_cache.Directory).Any());
    }

    [Fact]
    public void ClearWithoutAFilterRemovesEveryEntryAndLeftoverTemporaryFile()
    {
        _cache.Write(Entry("a", Key()));
        _cache.Write(Entry("b", Key(account: "bob")));
        var leftover = Path.Combine(_cache.Directory, "." + Key().FileName + ".0123456789ABCDEF.tmp");
        File.WriteAllText(leftover, "half");
        File.WriteAllText(Path.Combine(_cache.Directory, "keep.txt"), "not ours");
        Assert.Equal(3, _cache.Clear());
        Assert.Equal(["keep.txt"], System.IO.Directory.GetFiles(_cache.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void ClearByAccountOrEndpointRemovesOnlyThoseEntries()
    {
        var other = Client.Endpoint.CredentialEndpoint.Create("https://other.example.com/");
        _cache.Write(Entry("a", Key()));
        _cache.Write(Entry("b", Key(role: "reader")));
        _cache.Write(Entry("c", Key(account: "bob")));
        _cache.Write(Entry("d", Key(account: "bob", endpoint: other)));
        Assert.Equal(2, _cache.Clear(accountName: "alice"));
        Assert.Equal(1, _cache.Clear(endpoint: other));
        Assert.Equal(CacheLookupStatus.Hit, _cache.Read(Key(account: "bob")).Status);
        Assert.Equal(0, _cache.Clear(endpoint: other, accountName: "bob"));
    }

    [Fact]
    public void LookupReasonsAndEntriesNeverShowTheSecrets()
    {
        var key = Key();
        var entry = Entry("shown", key);
        _cache.Write(entry);
        var lookup = _cache.Read(key);
        foreach (var text in new[] { lookup.ToString(), lookup.Reason, lookup.Entry!.ToString(), key.ToString() })
        {
            Assert.DoesNotContain(entry.Credentials.SecretAccessKey, text);
            Assert.DoesNotContain(entry.Credentials.SessionToken, text);
        }
    }
}
