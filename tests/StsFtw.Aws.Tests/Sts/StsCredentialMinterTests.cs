using System.Diagnostics;
using StsFtw.Aws.Sts;
using StsFtw.Core.Accounts;
using StsFtw.Core.Broker;
using StsFtw.Core.Credentials;
using StsFtw.Core.Dependencies;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Aws.Tests.Sts;

/// <summary>The STS adapter against the Query-protocol stand-in, through the real AWSSDK.SecurityToken client.</summary>
public sealed class StsCredentialMinterTests : IDisposable
{
    private static readonly AccountKey Alice = new("Example Corp", "alice@example.com");

    private readonly StsStandIn _sts = new();
    private readonly List<IDisposable> _clients = new();

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
        _sts.Dispose();
    }

    [Fact]
    public async Task RoleNameResolvesToRoleInBrokersOwnAccount()
    {
        var minter = Minter();

        var issued = await minter.MintAsync(Request("deploy"), CancellationToken.None);

        Assert.Equal("arn:aws:iam::123456789012:role/deploy", Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole))["RoleArn"]);
        Assert.Equal("arn:aws:iam::123456789012:role/deploy", issued.RoleArn);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/deploy/Example=20Corp@alice@example.com", issued.AssumedRoleArn);
        Assert.StartsWith("ASIA", issued.AccessKeyId);
        Assert.NotEmpty(issued.SecretAccessKey);
        Assert.NotEmpty(issued.SessionToken);
    }

    [Fact]
    public async Task CredentialsTheStandInIssuesAreMarkedAsTheSecretDetectorExpects()
    {
        // The stand-ins live in src/StsFtw.Sandbox and the detector in tests/StsFtw.Testing.Hygiene, which cannot reference
        // each other: this pins the marks they share, through credentials actually issued.
        var issued = await Minter().MintAsync(Request("deploy"), CancellationToken.None);

        Assert.Equal(StandInSecretMarkers.SecretAccessKey, StandInCredentials.IssuedSecretAccessKeyPrefix);
        Assert.Equal(StandInSecretMarkers.SessionToken, StandInCredentials.IssuedSessionTokenPrefix);
        Assert.Contains(SecretDetector.Scan("key " + issued.SecretAccessKey), f => f.Kind == SecretKind.SecretAccessKey);
        Assert.Contains(SecretDetector.Scan("token " + issued.SessionToken), f => f.Kind == SecretKind.SessionToken);
    }

    [Fact]
    public async Task RoleArnUsesThePartitionOfTheBrokersOwnAccount()
    {
        using var govCloud = new StsStandIn { Partition = "aws-us-gov", AccountId = "210987654321" };
        var client = StsClientFactory.Create(govCloud.ServiceUrl, credentials: StandInCredentials.Basic);
        _clients.Add(client);

        var issued = await new StsCredentialMinter(client, RoleArnPolicy.NamesOnly).MintAsync(Request("deploy"), CancellationToken.None);

        Assert.Equal("arn:aws-us-gov:iam::210987654321:role/deploy", issued.RoleArn);
    }

    [Fact]
    public async Task CallerIdentityIsFetchedOnceAcrossMints()
    {
        var minter = Minter();

        for (var i = 0; i < 3; i++) await minter.MintAsync(Request("deploy"), CancellationToken.None);
        await minter.MintAsync(Request("audit"), CancellationToken.None);

        Assert.Single(_sts.CallsTo(StsStandIn.GetCallerIdentity));
        Assert.Equal(4, _sts.CallsTo(StsStandIn.AssumeRole).Count);
    }

    [Fact]
    public async Task ConcurrentFirstMintsShareOneCallerIdentityCall()
    {
        _sts.Stall(StsStandIn.GetCallerIdentity, TimeSpan.FromMilliseconds(300), times: 1);
        var minter = Minter();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => minter.MintAsync(Request("deploy"), CancellationToken.None)));

        Assert.Single(_sts.CallsTo(StsStandIn.GetCallerIdentity));
        Assert.Equal(5, _sts.CallsTo(StsStandIn.AssumeRole).Count);
    }

    [Fact]
    public async Task FailedCallerIdentityIsRetriedOnTheNextMint()
    {
        _sts.Fail(StsStandIn.GetCallerIdentity, 403, "AccessDenied", "not authorized to perform sts:GetCallerIdentity", times: 1);
        var minter = Minter();

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => minter.MintAsync(Request("deploy"), CancellationToken.None));
        var issued = await minter.MintAsync(Request("deploy"), CancellationToken.None);

        Assert.Equal(Dependency.SecurityTokenService, failure.Dependency);
        Assert.Contains("GetCallerIdentity", failure.Message);
        Assert.Equal("arn:aws:iam::123456789012:role/deploy", issued.RoleArn);
        Assert.Equal(2, _sts.CallsTo(StsStandIn.GetCallerIdentity).Count);
    }

    [Fact]
    public async Task SessionCarriesWhoAskedAsNameSourceIdentityAndTags()
    {
        var minter = Minter();

        await minter.MintAsync(Request("deploy", secondary: "bob@example.com"), CancellationToken.None);

        var call = Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole));
        Assert.Equal("Example=20Corp@alice@example.com", call["RoleSessionName"]);
        Assert.Equal(StsSessionNaming.RoleSessionName(Alice), call["RoleSessionName"]);
        Assert.Equal("Example=20Corp@alice@example.com", call["SourceIdentity"]);
        var tags = StsStandIn.SessionTagsOf(call);
        Assert.Equal(3, tags.Count);
        Assert.Equal("Example Corp", tags[StsCredentialMinter.IssuerTagKey]);
        Assert.Equal("alice@example.com", tags[StsCredentialMinter.AccountTagKey]);
        Assert.Equal("bob@example.com", tags[StsCredentialMinter.SecondaryTagKey]);
        Assert.DoesNotContain(call.Parameters.Keys, key => key.StartsWith("TransitiveTagKeys", StringComparison.Ordinal));
        Assert.DoesNotContain(call.Parameters.Keys, key => key.StartsWith("Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondaryTagIsOmittedWithoutACoSigner()
    {
        await Minter().MintAsync(Request("deploy"), CancellationToken.None);

        var tags = StsStandIn.SessionTagsOf(Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole)));
        Assert.Equal(new[] { StsCredentialMinter.AccountTagKey, StsCredentialMinter.IssuerTagKey }, tags.Keys.Order().ToArray());
    }

    [Fact]
    public async Task TagValuesAreMadeValidForSts()
    {
        var account = new AccountKey("Corp<Prod>", "carol#1");

        await Minter().MintAsync(new MintRequest(account, "deploy", 900, null, Context), CancellationToken.None);

        var tags = StsStandIn.SessionTagsOf(Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole)));
        Assert.Equal("Corp=3CProd=3E", tags[StsCredentialMinter.IssuerTagKey]);
        Assert.Equal("carol=231", tags[StsCredentialMinter.AccountTagKey]);
    }

    [Fact]
    public async Task DurationSecondsIsSentAndExpirationIsParsedAsUtc()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        _sts.Clock = () => now;

        var issued = await Minter().MintAsync(Request("deploy", durationSeconds: 1800), CancellationToken.None);

        Assert.Equal("1800", Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole))["DurationSeconds"]);
        Assert.Equal(now.AddSeconds(1800), issued.Expiration);
        Assert.Equal(TimeSpan.Zero, issued.Expiration.Offset);
    }

    [Fact]
    public async Task TheDefaultHourIsMintedWithoutDurationSeconds()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        _sts.Clock = () => now;

        var issued = await Minter().MintAsync(Request("deploy", durationSeconds: 3600), CancellationToken.None);

        var call = Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole));
        Assert.False(StsStandIn.SentDurationSeconds(call));
        Assert.Equal(now.AddSeconds(3600), issued.Expiration);
        // So the session can sign in to the console: the federation stand-in, as AWS, refuses role sessions minted with it.
        Assert.True(_sts.FindIssued(issued.AccessKeyId)!.CanSignInToConsole);
    }

    [Theory]
    [InlineData(900)]
    [InlineData(3599)]
    public async Task AnyOtherLengthIsSentAsAsked(int seconds)
    {
        var issued = await Minter().MintAsync(Request("deploy", durationSeconds: seconds), CancellationToken.None);

        var call = Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole));
        Assert.True(StsStandIn.SentDurationSeconds(call));
        Assert.Equal(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), call["DurationSeconds"]);
        Assert.False(_sts.FindIssued(issued.AccessKeyId)!.CanSignInToConsole);
    }

    [Fact]
    public void OnlyTheDefaultHourIsLeftOut()
    {
        Assert.Null(StsCredentialMinter.DurationSecondsToSend(3600));
        Assert.Equal(900, StsCredentialMinter.DurationSecondsToSend(900));
        Assert.Equal(3601, StsCredentialMinter.DurationSecondsToSend(3601));
    }

    [Fact]
    public async Task TheStandInRefusesMoreThanAnHourToARoleSessionAsAwsDoes()
    {
        // The broker signs as its Lambda role: role chaining, limited to one hour whatever the role's MaxSessionDuration.
        var failure = await Assert.ThrowsAsync<DependencyFailureException>(
            () => Minter().MintAsync(Request("deploy", durationSeconds: 3601), CancellationToken.None));

        Assert.Equal(Dependency.SecurityTokenService, failure.Dependency);
        Assert.Contains("ValidationError", failure.Message);
        Assert.Contains(StsStandIn.RoleChainingLimitMessage, failure.Message);
        Assert.Equal("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", StsStandIn.RoleChainingLimitMessage);
        Assert.Equal("3601", Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole))["DurationSeconds"]);
    }

    [Fact]
    public async Task TheStandInTellsARoleSessionFromItsTemporaryAccessKey()
    {
        using var iamUserSts = new StsStandIn { CallerIsRoleSession = false };
        using var asUser = StsClientFactory.Create(iamUserSts.ServiceUrl, credentials: StandInCredentials.Basic, maxErrorRetry: 0);
        using var asRoleSession = StsClientFactory.Create(
            iamUserSts.ServiceUrl, credentials: new Amazon.Runtime.SessionAWSCredentials("ASIASTANDINEXAMPLE01", StandInCredentials.SecretAccessKey, "token"), maxErrorRetry: 0);

        // An IAM user with long-term keys may ask for more than an hour (up to the role's maximum)...
        var issued = await new StsCredentialMinter(asUser, RoleArnPolicy.NamesOnly).MintAsync(Request("deploy", durationSeconds: 7200), CancellationToken.None);
        Assert.True(iamUserSts.FindIssued(issued.AccessKeyId)!.CanSignInToConsole);

        // ...a caller signing with a temporary (ASIA) key may not.
        var failure = await Assert.ThrowsAsync<DependencyFailureException>(
            () => new StsCredentialMinter(asRoleSession, RoleArnPolicy.NamesOnly).MintAsync(Request("deploy", durationSeconds: 7200), CancellationToken.None));
        Assert.Contains(StsStandIn.RoleChainingLimitMessage, failure.Message);
    }

    [Fact]
    public async Task AllowedRoleArnIsAssumedAsGivenWithoutCallerIdentity()
    {
        const string Arn = "arn:aws:iam::999999999999:role/stsftw/deploy";
        var minter = Minter(new RoleArnPolicy("arn:aws:iam::999999999999:role/stsftw/*"));

        var issued = await minter.MintAsync(Request(Arn), CancellationToken.None);

        Assert.Equal(Arn, issued.RoleArn);
        Assert.Equal(Arn, Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole))["RoleArn"]);
        Assert.Empty(_sts.CallsTo(StsStandIn.GetCallerIdentity));
    }

    [Fact]
    public async Task DisallowedRoleArnIsRefusedWithoutAnyStsCall()
    {
        var minter = Minter(new RoleArnPolicy("arn:aws:iam::999999999999:role/stsftw/*"));

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(
            () => minter.MintAsync(Request("arn:aws:iam::999999999999:role/admin"), CancellationToken.None));

        Assert.Contains("arn:aws:iam::999999999999:role/admin", refusal.Message);
        Assert.Empty(_sts.Calls);
    }

    [Fact]
    public async Task BareRoleNameOutsideTheAllowListIsNotAssumed()
    {
        // Second line of defence behind the broker's own check: the name resolves into the broker's account first.
        var minter = Minter(new RoleArnPolicy("arn:aws:iam::123456789012:role/stsftw-*"));

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => minter.MintAsync(Request("Admin"), CancellationToken.None));
        var issued = await minter.MintAsync(Request("stsftw-deploy"), CancellationToken.None);

        Assert.Contains("arn:aws:iam::123456789012:role/Admin", refusal.Message);
        Assert.Equal("arn:aws:iam::123456789012:role/stsftw-deploy", Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole))["RoleArn"]);
        Assert.Equal("arn:aws:iam::123456789012:role/stsftw-deploy", issued.RoleArn);
    }

    [Fact]
    public async Task ARoleNameResolvesWithoutAssumingAnything()
    {
        var minter = Minter();

        Assert.Equal("arn:aws:iam::123456789012:role/deploy", await minter.ResolveRoleArnAsync("deploy", CancellationToken.None));
        Assert.Equal("arn:aws:iam::999999999999:role/x", await minter.ResolveRoleArnAsync("arn:aws:iam::999999999999:role/x", CancellationToken.None));
        Assert.Empty(_sts.CallsTo(StsStandIn.AssumeRole));
    }

    [Fact]
    public async Task AccessDeniedBecomesDependencyFailureNamingRoleAndCode()
    {
        _sts.Fail(StsStandIn.AssumeRole, 403, "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/stsftw-broker/broker is not authorized to perform: sts:AssumeRole");

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => Minter().MintAsync(Request("deploy"), CancellationToken.None));

        Assert.Equal(Dependency.SecurityTokenService, failure.Dependency);
        Assert.Contains("arn:aws:iam::123456789012:role/deploy", failure.Message);
        Assert.Contains("AccessDenied", failure.Message);
    }

    [Theory]
    [InlineData(403, "RegionDisabledException")]
    [InlineData(400, "MalformedPolicyDocument")]
    [InlineData(400, "PackedPolicyTooLarge")]
    [InlineData(400, "ValidationError")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task StsRefusalsBecomeDependencyFailuresWithTheirCode(int status, string code)
    {
        _sts.Fail(StsStandIn.AssumeRole, status, code);

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => Minter().MintAsync(Request("deploy"), CancellationToken.None));

        Assert.Equal(Dependency.SecurityTokenService, failure.Dependency);
        Assert.Contains(code, failure.Message);
    }

    [Fact]
    public async Task ThrottlingPastTheRetriesBecomesDependencyFailure()
    {
        _sts.Throttle(StsStandIn.AssumeRole);

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => Minter(maxErrorRetry: 1).MintAsync(Request("deploy"), CancellationToken.None));

        Assert.Contains("Throttling", failure.Message);
        Assert.Equal(2, _sts.CallsTo(StsStandIn.AssumeRole).Count);
    }

    [Fact]
    public async Task StalledStsFailsWithinBoundedTime()
    {
        var minter = Minter(timeout: TimeSpan.FromMilliseconds(500), maxErrorRetry: 1);
        await minter.MintAsync(Request("deploy"), CancellationToken.None);
        _sts.Stall(StsStandIn.AssumeRole, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(() => minter.MintAsync(Request("deploy"), CancellationToken.None));

        Assert.Equal(Dependency.SecurityTokenService, failure.Dependency);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task UnreachableStsBecomesDependencyFailure()
    {
        var closedPort = _sts.ServiceUrl;
        _sts.Dispose();

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(
            () => Minter(serviceUrl: closedPort, maxErrorRetry: 0).MintAsync(Request("deploy"), CancellationToken.None));

        Assert.Equal(Dependency.SecurityTokenService, failure.Dependency);
    }

    [Fact]
    public async Task CallerCancellationPropagatesAsCancellation()
    {
        _sts.Stall(StsStandIn.AssumeRole, TimeSpan.FromSeconds(30));
        var minter = Minter(timeout: TimeSpan.FromSeconds(20));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => minter.MintAsync(Request("deploy"), cancellation.Token));
    }

    private static readonly RequestContext Context = new("req-1", "198.51.100.7");

    private static MintRequest Request(string role, string? secondary = null, int durationSeconds = 3600) =>
        new(Alice, role, durationSeconds, secondary, Context);

    private StsCredentialMinter Minter(
        RoleArnPolicy? policy = null, TimeSpan? timeout = null, int maxErrorRetry = 0, string? serviceUrl = null)
    {
        var client = StsClientFactory.Create(serviceUrl ?? _sts.ServiceUrl, credentials: StandInCredentials.Basic, timeout: timeout, maxErrorRetry: maxErrorRetry);
        _clients.Add(client);
        return new StsCredentialMinter(client, policy ?? RoleArnPolicy.NamesOnly);
    }
}
