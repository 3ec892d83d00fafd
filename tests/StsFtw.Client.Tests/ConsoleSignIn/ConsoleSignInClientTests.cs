using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using StsFtw.Client.ConsoleSignIn;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Client.Tests.ConsoleSignIn;

/// <summary>
/// The console sign-in client against the loopback federation stand-in, which checks each session against those the
/// STS stand-in issued (and refuses, as AWS does, sessions a role minted with DurationSeconds).
/// </summary>
public sealed class ConsoleSignInClientTests : IDisposable
{
    private static readonly XNamespace StsNs = "https://sts.amazonaws.com/doc/2011-06-15/";

    private readonly StsStandIn _sts = new();
    private readonly FederationStandIn _federation;
    private readonly HttpClient _raw = new(new HttpClientHandler { AllowAutoRedirect = false });

    public ConsoleSignInClientTests()
    {
        _federation = new FederationStandIn(_sts);
    }

    public void Dispose()
    {
        _raw.Dispose();
        _federation.Dispose();
        _sts.Dispose();
    }

    [Fact]
    public async Task ADefaultLengthSessionGetsAUrlThatSignsIn()
    {
        var credentials = await MintAsync(durationSeconds: null);
        using var client = Client();

        var signIn = await client.CreateSignInUrlAsync(new ConsoleSignInRequest(credentials) { Region = "eu-west-1" }, CancellationToken.None);

        var query = Query(signIn.Url);
        Assert.Equal(_federation.Endpoint.GetLeftPart(UriPartial.Path), signIn.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal("login", query["Action"]);
        Assert.Equal(ConsoleSignInClient.DefaultIssuer, query["Issuer"]);
        Assert.Equal("https://console.aws.amazon.com/console/home?region=eu-west-1", query["Destination"]);
        Assert.Equal(new Uri("https://console.aws.amazon.com/console/home?region=eu-west-1"), signIn.Destination);
        Assert.StartsWith(FederationStandIn.SigninTokenPrefix, query["SigninToken"], StringComparison.Ordinal);
        Assert.Same(AwsPartition.Aws, signIn.Partition);
        Assert.Equal(credentials.Expiration, signIn.SessionExpiration);

        using var login = await _raw.GetAsync(signIn.Url);
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal(signIn.Destination, login.Headers.Location);
    }

    [Fact]
    public async Task TheTokenRequestSendsTheSessionAndNoSessionDuration()
    {
        using var client = Client();

        await client.CreateSignInUrlAsync(new ConsoleSignInRequest(await MintAsync(durationSeconds: null)), CancellationToken.None);

        var call = Assert.Single(_federation.Calls);
        Assert.Equal("getSigninToken", call.Action);
        Assert.Equal(["Action", "Session"], call.ParameterNames);
        Assert.Equal(200, call.Status);
    }

    [Fact]
    public void TheSessionParameterIsTheJsonOfTheThreeParts()
    {
        var json = ConsoleSignInClient.SessionJson(new BrokeredCredentials("ASIAEXAMPLE", "se\"cret", "to/ken+"));

        Assert.Equal("""{"sessionId":"ASIAEXAMPLE","sessionKey":"se\u0022cret","sessionToken":"to/ken\u002B"}""", json);
    }

    [Fact]
    public async Task ASessionARoleMintedWithDurationSecondsIsRefusedByTheEndpointWithTheReason()
    {
        var credentials = await MintAsync(durationSeconds: 900);
        using var client = Client();

        var refusal = await Assert.ThrowsAsync<ConsoleSignInException>(
            () => client.CreateSignInUrlAsync(new ConsoleSignInRequest(credentials), CancellationToken.None));

        Assert.Equal(ConsoleSignInFailure.Refused, refusal.Failure);
        Assert.Equal(400, refusal.Status);
        Assert.Contains("DurationSeconds", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("3600", refusal.Message, StringComparison.Ordinal);
        AssertNoSecret(refusal, credentials);
    }

    [Fact]
    public async Task ASessionSaidToBeMintedWithAnotherLengthIsRefusedBeforeAnyCall()
    {
        var credentials = await MintAsync(durationSeconds: 1800);
        using var client = Client();

        var refusal = await Assert.ThrowsAsync<ConsoleSignInException>(() => client.CreateSignInUrlAsync(
            new ConsoleSignInRequest(credentials) { RequestedDurationSeconds = 1800 }, CancellationToken.None));

        Assert.Equal(ConsoleSignInFailure.SessionNotSignInable, refusal.Failure);
        Assert.Contains("1800 seconds", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("IAM user", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_federation.Calls);
        AssertNoSecret(refusal, credentials);
    }

    [Fact]
    public async Task ASessionSaidToBeOfTheDefaultLengthSignsIn()
    {
        using var client = Client();

        var signIn = await client.CreateSignInUrlAsync(
            new ConsoleSignInRequest(await MintAsync(durationSeconds: null)) { RequestedDurationSeconds = 3600 }, CancellationToken.None);

        Assert.Equal("login", Query(signIn.Url)["Action"]);
    }

    [Fact]
    public async Task CredentialsTheStsStandInNeverIssuedAreRefused()
    {
        var issued = await MintAsync(durationSeconds: null);
        var forged = issued with { SecretAccessKey = StandInCredentials.IssuedSecretAccessKeyPrefix + "forgedforgedforgedforged" };
        using var client = Client();

        var refusal = await Assert.ThrowsAsync<ConsoleSignInException>(
            () => client.CreateSignInUrlAsync(new ConsoleSignInRequest(forged), CancellationToken.None));

        Assert.Equal(ConsoleSignInFailure.Refused, refusal.Failure);
        AssertNoSecret(refusal, forged);
    }

    [Fact]
    public async Task ExpiredCredentialsAreRefusedBeforeAnyCall()
    {
        var credentials = await MintAsync(durationSeconds: null) with { Expiration = DateTimeOffset.UtcNow.AddMinutes(-1) };
        using var client = Client();

        var refusal = await Assert.ThrowsAsync<ConsoleSignInException>(
            () => client.CreateSignInUrlAsync(new ConsoleSignInRequest(credentials), CancellationToken.None));

        Assert.Equal(ConsoleSignInFailure.InvalidRequest, refusal.Failure);
        Assert.Contains("expired", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_federation.Calls);
    }

    [Fact]
    public async Task LongTermKeysWithoutASessionTokenAreRefused()
    {
        using var client = Client();

        var refusal = await Assert.ThrowsAsync<ConsoleSignInException>(() => client.CreateSignInUrlAsync(
            new ConsoleSignInRequest(new BrokeredCredentials("AKIAEXAMPLE", "secret", "")), CancellationToken.None));

        Assert.Equal(ConsoleSignInFailure.InvalidRequest, refusal.Failure);
        Assert.Contains("session token", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://console.aws.amazon.com/")]
    [InlineData("https://user:pass@console.aws.amazon.com/")]
    public async Task ADestinationMustBeHttpsWithoutAUser(string destination)
    {
        using var client = Client();

        var credentials = await MintAsync(durationSeconds: null);

        var refusal = await Assert.ThrowsAsync<ConsoleSignInException>(() => client.CreateSignInUrlAsync(
            new ConsoleSignInRequest(credentials) { Destination = new Uri(destination) }, CancellationToken.None));

        Assert.Equal(ConsoleSignInFailure.InvalidRequest, refusal.Failure);
    }

    [Fact]
    public async Task AnExplicitDestinationAndIssuerAreCarried()
    {
        using var client = Client();
        var destination = new Uri("https://console.aws.amazon.com/s3/home?region=us-east-2");

        var signIn = await client.CreateSignInUrlAsync(new ConsoleSignInRequest(await MintAsync(durationSeconds: null))
        {
            Destination = destination,
            Issuer = "https://sso.example.com/aws",
        }, CancellationToken.None);

        var query = Query(signIn.Url);
        Assert.Equal(destination.AbsoluteUri, query["Destination"]);
        Assert.Equal("https://sso.example.com/aws", query["Issuer"]);
    }

    [Theory]
    [InlineData("us-gov-west-1", null, null, "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1")]
    [InlineData("cn-north-1", null, null, "https://console.amazonaws.cn/console/home?region=cn-north-1")]
    [InlineData(null, null, null, "https://console.aws.amazon.com/console/home")]
    [InlineData("us-east-1", "arn:aws-us-gov:iam::123456789012:role/Developer", null, "https://console.amazonaws-us-gov.com/console/home?region=us-east-1")]
    [InlineData("us-gov-east-1", null, "aws", "https://console.aws.amazon.com/console/home?region=us-gov-east-1")]
    public async Task ThePartitionComesFromAnExplicitOneTheRoleArnOrTheRegion(string? region, string? roleArn, string? partition, string destination)
    {
        using var client = Client();
        var credentials = await MintAsync(durationSeconds: null) with { RoleArn = roleArn };

        var signIn = await client.CreateSignInUrlAsync(
            new ConsoleSignInRequest(credentials) { Region = region, Partition = AwsPartition.Named(partition) }, CancellationToken.None);

        Assert.Equal(new Uri(destination), signIn.Destination);
    }

    [Fact]
    public void EachPartitionHasItsOwnSignInAndConsoleHosts()
    {
        Assert.Equal(new Uri("https://signin.aws.amazon.com/federation"), AwsPartition.Aws.FederationEndpoint);
        Assert.Equal(new Uri("https://signin.amazonaws-us-gov.com/federation"), AwsPartition.GovCloud.FederationEndpoint);
        Assert.Equal(new Uri("https://signin.amazonaws.cn/federation"), AwsPartition.China.FederationEndpoint);
        Assert.Same(AwsPartition.GovCloud, AwsPartition.ForRegion("us-gov-west-1"));
        Assert.Same(AwsPartition.China, AwsPartition.ForRegion("cn-northwest-1"));
        Assert.Same(AwsPartition.Aws, AwsPartition.ForRegion("eu-central-1"));
        Assert.Same(AwsPartition.China, AwsPartition.OfArn("arn:aws-cn:sts::123456789012:assumed-role/r/s"));
        Assert.Null(AwsPartition.OfArn("arn:aws-iso:iam::123456789012:role/r"));
        Assert.Null(AwsPartition.Named("azure"));
    }

    [Theory]
    [InlineData("http://signin.example.com/federation")]
    [InlineData("https://signin.aws.amazon.com/federation?x=1")]
    [InlineData("https://user@signin.aws.amazon.com/federation")]
    [InlineData("ftp://127.0.0.1/federation")]
    public void AFederationEndpointOverrideMustBeHttpsOrLoopback(string endpoint)
    {
        Assert.Throws<ArgumentException>(() => new ConsoleSignInClient(federationEndpoint: new Uri(endpoint)));
    }

    [Fact]
    public async Task TheUrlIsNeverShownByToString()
    {
        using var client = Client();

        var signIn = await client.CreateSignInUrlAsync(new ConsoleSignInRequest(await MintAsync(durationSeconds: null)), CancellationToken.None);

        Assert.DoesNotContain(FederationStandIn.SigninTokenPrefix, signIn.ToString(), StringComparison.Ordinal);
        Assert.Contains("SigninToken=[redacted]", signIn.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(SecretDetector.Scan(signIn.Url.AbsoluteUri));
        Assert.Empty(SecretDetector.Scan(signIn.ToString()));
    }

    [Fact]
    public async Task AStalledEndpointFailsWithinTheTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/federation");
        using var client = new ConsoleSignInClient(TimeSpan.FromMilliseconds(500), endpoint);
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ConsoleSignInException>(() => client.CreateSignInUrlAsync(
            new ConsoleSignInRequest(new BrokeredCredentials("ASIAEXAMPLE", "secret", "token")), CancellationToken.None));

        Assert.Equal(ConsoleSignInFailure.TimedOut, failure.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task AnUnreachableEndpointSaysSoWithoutTheUrl()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var client = new ConsoleSignInClient(federationEndpoint: new Uri($"http://127.0.0.1:{port}/federation"));
        var credentials = new BrokeredCredentials("ASIAEXAMPLE", StandInCredentials.IssuedSecretAccessKeyPrefix + "x", StandInCredentials.IssuedSessionTokenPrefix + "y");

        var failure = await Assert.ThrowsAsync<ConsoleSignInException>(
            () => client.CreateSignInUrlAsync(new ConsoleSignInRequest(credentials), CancellationToken.None));

        Assert.Equal(ConsoleSignInFailure.Unreachable, failure.Failure);
        Assert.Null(failure.InnerException);
        AssertNoSecret(failure, credentials);
    }

    [Theory]
    [InlineData(200, "application/json", "{\"SigninToken\":\"\"}", ConsoleSignInFailure.UnexpectedResponse)]
    [InlineData(200, "application/json", "{\"SigninToken\":\"has space\"}", ConsoleSignInFailure.UnexpectedResponse)]
    [InlineData(200, "text/html", "<html>sign in</html>", ConsoleSignInFailure.UnexpectedResponse)]
    [InlineData(302, "text/plain", "", ConsoleSignInFailure.UnexpectedResponse)]
    [InlineData(403, "text/html", "Forbidden", ConsoleSignInFailure.Refused)]
    [InlineData(503, "text/html", "Unavailable", ConsoleSignInFailure.Unreachable)]
    public async Task UnexpectedAnswersAreFailuresWithTheirKind(int status, string contentType, string body, ConsoleSignInFailure expected)
    {
        using var client = new ConsoleSignInClient(handler: new FixedAnswer(status, contentType, body));

        var failure = await Assert.ThrowsAsync<ConsoleSignInException>(() => client.CreateSignInUrlAsync(
            new ConsoleSignInRequest(new BrokeredCredentials("ASIAEXAMPLE", "secret", "token")), CancellationToken.None));

        Assert.Equal(expected, failure.Failure);
        Assert.Contains("signin.aws.amazon.com", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizedAnswerIsRefused()
    {
        using var client = new ConsoleSignInClient(handler: new FixedAnswer(200, "application/json", new string('x', ConsoleSignInClient.MaximumResponseBytes + 1)));

        var failure = await Assert.ThrowsAsync<ConsoleSignInException>(() => client.CreateSignInUrlAsync(
            new ConsoleSignInRequest(new BrokeredCredentials("ASIAEXAMPLE", "secret", "token")), CancellationToken.None));

        Assert.Equal(ConsoleSignInFailure.UnexpectedResponse, failure.Failure);
        Assert.Contains("more than", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellationPropagates()
    {
        using var client = Client();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateSignInUrlAsync(
            new ConsoleSignInRequest(new BrokeredCredentials("ASIAEXAMPLE", "secret", "token")), cancelled.Token));
    }

    private ConsoleSignInClient Client() => new(TimeSpan.FromSeconds(10), _federation.Endpoint);

    // AssumeRole on the STS stand-in as the broker calls it (a role session): with DurationSeconds, or without it.
    private async Task<BrokeredCredentials> MintAsync(int? durationSeconds)
    {
        var form = new Dictionary<string, string>
        {
            ["Action"] = "AssumeRole",
            ["Version"] = "2011-06-15",
            ["RoleArn"] = "arn:aws:iam::123456789012:role/Developer",
            ["RoleSessionName"] = "Example.alice",
        };
        if (durationSeconds is { } seconds) form["DurationSeconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var content = new FormUrlEncodedContent(form);
        using var response = await _raw.PostAsync(_sts.ServiceUrl, content);
        response.EnsureSuccessStatusCode();
        var credentials = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(StsNs + "Credentials").Single();
        return new BrokeredCredentials(
            credentials.Element(StsNs + "AccessKeyId")!.Value,
            credentials.Element(StsNs + "SecretAccessKey")!.Value,
            credentials.Element(StsNs + "SessionToken")!.Value)
        {
            Expiration = DateTimeOffset.Parse(credentials.Element(StsNs + "Expiration")!.Value, System.Globalization.CultureInfo.InvariantCulture),
            RoleArn = "arn:aws:iam::123456789012:role/Developer",
        };
    }

    private static Dictionary<string, string> Query(Uri url) =>
        url.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]), StringComparer.Ordinal);

    private static void AssertNoSecret(ConsoleSignInException failure, BrokeredCredentials credentials)
    {
        var ledger = new SecretLedger();
        ledger.Remember(SecretKind.SecretAccessKey, credentials.SecretAccessKey);
        ledger.Remember(SecretKind.SessionToken, credentials.SessionToken);
        SecretHygiene.AssertClean("console sign-in failure", [failure.Message, failure.ToString()], ledger);
    }

    private sealed class FixedAnswer(int status, string contentType, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage((HttpStatusCode)status)
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
            });
    }
}
