using System.Runtime.Versioning;
using StsFtw.Client.Cache;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Cache;

[UnsupportedOSPlatform("windows")]
public sealed class CredentialCacheLocationTests
{
    [Fact]
    public void StsCacheDirWins() =>
        Assert.Equal("/tmp/x/cache", CredentialCacheLocation.Resolve(new FakeEnvironment(("STS_CACHE_DIR", "/tmp/x/cache"), ("XDG_CACHE_HOME", "/xdg"))));

    [Fact]
    public void XdgCacheHomeComesNext() =>
        Assert.Equal("/xdg/stsftw", CredentialCacheLocation.Resolve(new FakeEnvironment(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/a"))));

    [Fact]
    public void RelativeXdgCacheHomeIsIgnoredAsTheSpecificationSays() =>
        Assert.Equal("/home/a/.cache/stsftw", CredentialCacheLocation.Resolve(new FakeEnvironment(("XDG_CACHE_HOME", "rel"), ("HOME", "/home/a"))));

    [Fact]
    public void RelativeStsCacheDirIsRefused() =>
        Assert.Throws<ArgumentException>(() => CredentialCacheLocation.Resolve(new FakeEnvironment(("STS_CACHE_DIR", "cache"))));
}
