using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;
using StsFtw.Client.Cache;
using StsFtw.Client.Codes;
using StsFtw.Client.Endpoint;
using StsFtw.Client.Sessions;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Sessions;

[UnsupportedOSPlatform("windows")]
public sealed class CredentialSessionTests : IDisposable
{
    private readonly UnixFiles.TemporaryFolder _root = UnixFiles.NewFolder();
    private readonly FakeTimeProvider _clock = new(CacheSamples.Now);
    private readonly FakeCredentialEndpoint _endpoint = new();
    private readonly CredentialEndpointClient _client;
    private readonly CredentialCache _cache;
    private readonly RecordingPrompt _prompt = new("123456", "234567", "345678");

    public CredentialSessionTests()
    {
        _endpoint.Clock = _clock;
        _client = _endpoint.Client();
        _cache = new CredentialCache(Path.Combine(_root.Path, "stsftw"));
    }

    public void Dispose()
    {
        _client.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task FirstCallPromptsPostsAndStores()
    {
        var result = await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal(CredentialOrigin.Endpoint, result.Origin);
        Assert.Single(_prompt.Asked);
        Assert.Equal("Code for alice at sts.example.com: ", _prompt.Asked[0].Text);
        Assert.Equal("123456", Assert.Single(_endpoint.Posts).GetProperty("TOTPCode").GetString());
        Assert.Equal(CacheLookupStatus.Hit, _cache.Read(Key()).Status);
        Assert.Contains("Cache miss", result.CacheNote);
        Assert.Contains("stored", result.CacheNote);
    }

    [Fact]
    public async Task SecondCallWithinTheLifeNeitherPromptsNorPosts()
    {
        var first = await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(49) + TimeSpan.FromSeconds(59));
        var second = await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        Assert.Equal(CredentialOrigin.Cache, second.Origin);
        Assert.Equal(first.Credentials, second.Credentials);
        Assert.Single(_prompt.Asked);
        Assert.Single(_endpoint.Posts);
        Assert.StartsWith("Cache hit", second.CacheNote);
    }

    [Fact]
    public async Task AfterTheRefreshWindowItPromptsAndPostsAgain()
    {
        await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(50));
        var second = await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        Assert.Equal(CredentialOrigin.Endpoint, second.Origin);
        Assert.Equal(2, _prompt.Asked.Count);
        Assert.Equal(2, _endpoint.Posts.Count);
        Assert.Equal(RefreshAction.Refresh, second.Decision!.Action);
        Assert.Equal(second.Credentials, _cache.Read(Key()).Entry!.Credentials);
    }

    [Fact]
    public async Task BypassAlwaysPostsAndStoresTheNewCredentials()
    {
        await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        var bypassed = await Session(bypass: true).GetCredentialsAsync(Request(), CancellationToken.None);
        Assert.Equal(CredentialOrigin.Endpoint, bypassed.Origin);
        Assert.Equal(2, _endpoint.Posts.Count);
        Assert.Null(bypassed.Decision);
        Assert.Equal(bypassed.Credentials, _cache.Read(Key()).Entry!.Credentials);
    }

    [Fact]
    public async Task FailedPostLeavesTheCacheUntouched()
    {
        var stored = await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        var before = File.ReadAllBytes(_cache.PathOf(Key()));
        _endpoint.FailWith = System.Net.HttpStatusCode.Unauthorized;
        var failed = await Session(bypass: true).GetCredentialsAsync(Request(), CancellationToken.None);
        Assert.False(failed.Succeeded);
        Assert.Equal(CredentialFailureKind.AuthenticationFailed, failed.Failure!.Kind);
        Assert.Equal(before, File.ReadAllBytes(_cache.PathOf(Key())));
        Assert.Equal(stored.Credentials, _cache.Read(Key()).Entry!.Credentials);
    }

    [Fact]
    public async Task FailedPostWithNothingCachedStoresNothing()
    {
        _endpoint.FailWith = System.Net.HttpStatusCode.Unauthorized;
        var failed = await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        Assert.False(failed.Succeeded);
        Assert.Equal(CacheLookupStatus.Missing, _cache.Read(Key()).Status);
    }

    [Fact]
    public async Task CredentialsWithoutAnExpirationAreReturnedButNeverCached()
    {
        _endpoint.Lifetime = null;
        var result = await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Contains("no expiration", result.CacheNote);
        Assert.Equal(CacheLookupStatus.Missing, _cache.Read(Key()).Status);
        await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        Assert.Equal(2, _endpoint.Posts.Count);
    }

    [Fact]
    public async Task DisabledCacheIsNeitherReadNorWritten()
    {
        var session = new CredentialSession(_client, CredentialCacheOptions.Disabled, _clock);
        await session.GetCredentialsAsync(Request(), CancellationToken.None);
        await session.GetCredentialsAsync(Request(), CancellationToken.None);
        Assert.Equal(2, _endpoint.Posts.Count);
        Assert.False(Directory.Exists(_cache.Directory));
    }

    [Fact]
    public async Task CoSignerIsAskedAfterThePersonAndOnlyWhenPosting()
    {
        var request = Request() with { SecondaryAccountName = "bob", SecondaryCode = CodeSource.FromPrompt(_prompt) };
        await Session().GetCredentialsAsync(request, CancellationToken.None);
        await Session().GetCredentialsAsync(request, CancellationToken.None);
        Assert.Equal(["Code for alice at sts.example.com: ", "Code for co-signer bob at sts.example.com: "], _prompt.Asked.Select(a => a.Text));
        var post = Assert.Single(_endpoint.Posts);
        Assert.Equal("234567", post.GetProperty("SecondaryTOTPCode").GetString());
    }

    [Fact]
    public async Task EachRoleHasItsOwnEntry()
    {
        await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        var reader = await Session().GetCredentialsAsync(Request() with { Role = "reader" }, CancellationToken.None);
        Assert.Equal(CredentialOrigin.Endpoint, reader.Origin);
        Assert.Equal(2, _endpoint.Posts.Count);
    }

    [Fact]
    public async Task InvalidIdentityIsRefusedBeforeAnyCodeIsAskedFor()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Session().GetCredentialsAsync(Request() with { Role = "bad role!" }, CancellationToken.None));
        Assert.Empty(_prompt.Asked);
        Assert.Empty(_endpoint.Posts);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("")]
    public async Task CodeThatIsNotSixDigitsIsRefusedBeforePosting(string typed)
    {
        var prompt = new RecordingPrompt(typed);
        var failure = await Assert.ThrowsAsync<CodeUnavailableException>(() =>
            Session().GetCredentialsAsync(Request() with { Code = CodeSource.FromPrompt(prompt) }, CancellationToken.None));
        Assert.Equal(CodeUnavailableReason.NotACode, failure.Reason);
        Assert.Empty(_endpoint.Posts);
        if (typed.Length > 0) Assert.DoesNotContain(typed, failure.Message);
    }

    [Fact]
    public async Task CodeFromACommandIsRunOnlyWhenPosting()
    {
        var counter = _root.File("runs");
        var command = new CodeCommand($"echo run >> {TestChild.ShellQuote(counter)}; echo 456789", CodeCommand.PrimaryVariable);
        var request = Request() with { Code = CodeSource.FromCommand(command) };
        await Session().GetCredentialsAsync(request, CancellationToken.None);
        await Session().GetCredentialsAsync(request, CancellationToken.None);
        Assert.Single(File.ReadAllLines(counter));
        Assert.Equal("456789", Assert.Single(_endpoint.Posts).GetProperty("TOTPCode").GetString());
    }

    [Fact]
    public async Task UnsafeCacheFolderIsAMissNotAFailure()
    {
        var real = Path.Combine(_root.Path, "real");
        Directory.CreateDirectory(real);
        Directory.CreateSymbolicLink(_cache.Directory, real);
        var result = await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Contains("not stored in the cache", result.CacheNote);
        Assert.Empty(Directory.GetFiles(real));
    }

    [Fact]
    public async Task CacheNotesNeverHoldASecret()
    {
        var first = await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        var second = await Session().GetCredentialsAsync(Request(), CancellationToken.None);
        foreach (var text in new[] { first.CacheNote, second.CacheNote, first.ToString(), second.ToString(), Request().ToString() })
        {
            Assert.DoesNotContain(first.Credentials!.SecretAccessKey, text);
            Assert.DoesNotContain(first.Credentials.SessionToken, text);
            Assert.DoesNotContain("123456", text);
        }
    }

    private CredentialSession Session(bool bypass = false) =>
        new(_client, new CredentialCacheOptions(_cache, CredentialRefreshPolicy.Default, bypass), _clock);

    private CredentialSessionRequest Request() => new("Example", "alice", "admin", CodeSource.FromPrompt(_prompt));

    private static CredentialCacheKey Key() => new(CacheSamples.SampleEndpoint, "Example", "alice", "admin");
}
