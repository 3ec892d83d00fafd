using System.Text;
using System.Text.Json;
using StsFtw.Core.Broker;
using StsFtw.Core.Totp;
using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Http;
using StsFtw.Lambda.Logging;
using StsFtw.Testing.Fakes;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Lambda.Tests.Support;

/// <summary>
/// The endpoint over the broker's in-memory ports (timed, as in production), with its log captured. Every answer's
/// problem body and every log line it wrote are checked for secrets (the enrolled secrets, their codes around the
/// harness clock, the codes each request carried, the credentials each answer carried).
/// </summary>
internal sealed class EndpointHarness
{
    private readonly StringWriter _log = new();
    private long _exceptionsFrom = ExceptionCapture.Mark();

    public EndpointHarness(BrokerOptions? options = null)
    {
        var timer = new AwsCallTimer();
        var broker = new CredentialBroker(
            new TimedAuthStore(Broker.Store, timer),
            new TimedSecretProtector(Broker.Protector, timer),
            new TimedCredentialMinter(Broker.Minter, timer),
            new TimedAuditSink(Broker.Audit, timer),
            Broker.Clock,
            options ?? new BrokerOptions());
        Endpoint = new CredentialEndpoint(broker, timer, new JsonLog(_log, Broker.Clock));
    }

    public BrokerHarness Broker { get; } = new();

    public SecretLedger Ledger { get; } = new();

    public CredentialEndpoint Endpoint { get; }

    public IReadOnlyList<string> LogLines => _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public JsonElement LastLogLine() => JsonDocument.Parse(LogLines[^1]).RootElement.Clone();

    public static string Body(string account, string code, string role = "Developer", string? secondary = null, string? secondaryCode = null)
    {
        var members = new List<string>
        {
            $"\"Issuer\":\"{BrokerHarness.Issuer}\"", $"\"AccountName\":\"{account}\"", $"\"TOTPCode\":\"{code}\"", $"\"Role\":\"{role}\"",
        };
        if (secondary is not null) members.Add($"\"SecondaryAccountName\":\"{secondary}\"");
        if (secondaryCode is not null) members.Add($"\"SecondaryTOTPCode\":\"{secondaryCode}\"");
        return "{" + string.Join(",", members) + "}";
    }

    public static HttpRequestData Post(string body, string contentType = "application/json") =>
        new("POST", "/", new HttpHeaderCollection().Add("content-type", contentType), Encoding.UTF8.GetBytes(body), "203.0.113.7");

    public async Task<HttpResponseData> SendAsync(HttpRequestData request, CancellationToken deadline = default)
    {
        Ledger.RememberCodesIn(request.Body.Span);
        var linesBefore = LogLines.Count;
        var response = await Endpoint.HandleAsync(request, new RequestInfo("req-test", "local"), deadline);
        if (response.StatusCode == 200) Ledger.RememberCredentialsIn(response.Body);
        else SecretHygiene.AssertClean("problem bodies (in-process endpoint)", [response.Body], Ledger);
        AssertLogHoldsNoSecret(linesBefore);
        var exceptionsTo = ExceptionCapture.Mark();
        SecretHygiene.AssertClean("exception messages (test process, first chance)", ExceptionCapture.MessagesSince(_exceptionsFrom), Ledger);
        _exceptionsFrom = exceptionsTo;
        return response;
    }

    /// <summary>Checks the log lines written since line <paramref name="from"/> (all of them by default).</summary>
    public void AssertLogHoldsNoSecret(int from = 0) =>
        SecretHygiene.AssertClean("JSON log (in-process endpoint)", LogLines.Skip(from), Ledger);

    public Task<HttpResponseData> AskAsync(string account, string code, string role = "Developer", string? secondary = null, string? secondaryCode = null) =>
        SendAsync(Post(Body(account, code, role, secondary, secondaryCode)));

    public TotpSecret Enroll(string name, string[]? roles = null, string[]? secondaries = null)
    {
        var secret = Broker.Enroll(name, roles, secondaries);
        Ledger.RememberSecret(secret, Broker.Clock.GetUtcNow);
        return secret;
    }
}
