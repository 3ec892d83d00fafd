using StsFtw.Client.Exec;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Exec;

public sealed class CommandEnvironmentTests
{
    private static readonly BrokeredCredentials Credentials = new("ASIAKEY", "secret", "token")
    {
        Expiration = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    [Fact]
    public void CredentialsRegionAndTheProfileVariablesAreTheChanges()
    {
        var changes = CommandEnvironment.For(Credentials, "eu-west-1").ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal("ASIAKEY", changes["AWS_ACCESS_KEY_ID"]);
        Assert.Equal("secret", changes["AWS_SECRET_ACCESS_KEY"]);
        Assert.Equal("token", changes["AWS_SESSION_TOKEN"]);
        Assert.Equal("2030-01-02T03:04:05Z", changes["AWS_CREDENTIAL_EXPIRATION"]);
        Assert.Equal("eu-west-1", changes["AWS_REGION"]);
        Assert.Equal("eu-west-1", changes["AWS_DEFAULT_REGION"]);
        Assert.Null(changes["AWS_PROFILE"]);
        Assert.Null(changes["AWS_DEFAULT_PROFILE"]);
        Assert.Null(changes["AWS_SECURITY_TOKEN"]);
        Assert.Equal(9, changes.Count);
    }

    [Fact]
    public void WithoutARegionTheRegionVariablesAreLeftAlone()
    {
        var changes = CommandEnvironment.For(Credentials, null);
        Assert.DoesNotContain(changes, c => c.Key is "AWS_REGION" or "AWS_DEFAULT_REGION");
    }

    [Fact]
    public void AnUnknownExpirationRemovesAStaleOne() =>
        Assert.Contains(CommandEnvironment.For(Credentials with { Expiration = null }, null), c => c.Key == "AWS_CREDENTIAL_EXPIRATION" && c.Value is null);

    [Theory]
    [InlineData("EU-WEST-1")]
    [InlineData("eu west 1")]
    [InlineData("1eu")]
    [InlineData("eu-west-1\n")]
    [InlineData("")]
    public void MalformedRegionsAreRefused(string region) =>
        Assert.Throws<ArgumentException>(() => CommandEnvironment.For(Credentials, region));

    [Theory]
    [InlineData("")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    public void CredentialValuesThatCannotBeVariablesAreRefused(string value) =>
        Assert.Throws<ArgumentException>(() => CommandEnvironment.For(Credentials with { SessionToken = value }, null));

    [Fact]
    public void TheOverlayRestoresSetAndUnsetVariablesExactly()
    {
        var environment = new FakeEnvironment(("AWS_ACCESS_KEY_ID", "OUTER"), ("AWS_PROFILE", "work"), ("OTHER", "x"));
        using (EnvironmentOverlay.Apply(environment, CommandEnvironment.For(Credentials, "eu-west-1")))
        {
            Assert.Equal("ASIAKEY", environment.Get("AWS_ACCESS_KEY_ID"));
            Assert.Equal("eu-west-1", environment.Get("AWS_REGION"));
            Assert.Null(environment.Get("AWS_PROFILE"));
        }
        Assert.Equal("OUTER", environment.Get("AWS_ACCESS_KEY_ID"));
        Assert.Equal("work", environment.Get("AWS_PROFILE"));
        Assert.Null(environment.Get("AWS_SESSION_TOKEN"));
        Assert.Null(environment.Get("AWS_REGION"));
        Assert.Equal("x", environment.Get("OTHER"));
    }

    [Fact]
    public void TheOverlayRestoresWhenTheWorkThrows()
    {
        var environment = new FakeEnvironment();
        Assert.Throws<InvalidOperationException>(() => Fail(environment));
        Assert.Null(environment.Get("AWS_ACCESS_KEY_ID"));
    }

    private static void Fail(FakeEnvironment environment)
    {
        using var overlay = EnvironmentOverlay.Apply(environment, CommandEnvironment.For(Credentials, null));
        throw new InvalidOperationException();
    }

    [Fact]
    public async Task AnExternalCommandGetsTheCredentialsAndThisProcessKeepsItsOwn()
    {
        if (OperatingSystem.IsWindows()) return;
        var before = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var command = new ExternalCommand("/bin/sh", new[] { "-c", "test \"$AWS_ACCESS_KEY_ID\" = ASIAKEY && test \"$AWS_REGION\" = eu-west-1 && test -z \"$AWS_PROFILE\" && exit 7" },
            Directory.GetCurrentDirectory());
        Assert.Equal(7, await command.RunAsync(CommandEnvironment.For(Credentials, "eu-west-1"), CancellationToken.None));
        Assert.Equal(before, Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"));
    }

    [Fact]
    public async Task AStoppedCommandIsKilledAfterItsGrace()
    {
        if (OperatingSystem.IsWindows()) return;
        var command = new ExternalCommand("/bin/sh", new[] { "-c", "trap '' INT TERM; sleep 30" }, Directory.GetCurrentDirectory()) { StopGrace = TimeSpan.FromMilliseconds(200) };
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.RunAsync(CommandEnvironment.For(Credentials, null), stop.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }
}
