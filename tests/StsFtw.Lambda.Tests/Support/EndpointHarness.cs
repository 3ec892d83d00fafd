using System.Text;
using System.Text.Json;
using StsFtw.Core.Broker;
using StsFtw.Core.Tests.Broker;
using StsFtw.Core.Totp;
using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Http;
using StsFtw.Lambda.Logging;

namespace StsFtw.Lambda.Tests.Support;

/// <summary>The endpoint over the broker's in-memory ports (timed, as in production), with its log captured.</summary>
internal sealed class EndpointHarness
{
    private readonly StringWriter _log = new();

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

    public Task<HttpResponseData> SendAsync(HttpRequestData request, CancellationToken deadline = default) =>
        Endpoint.HandleAsync(request, new RequestInfo("req-test", "local"), deadline);

    public Task<HttpResponseData> AskAsync(string account, string code, string role = "Developer", string? secondary = null, string? secondaryCode = null) =>
        SendAsync(Post(Body(account, code, role, secondary, secondaryCode)));

    public TotpSecret Enroll(string name, string[]? roles = null, string[]? secondaries = null) => Broker.Enroll(name, roles, secondaries);
}
