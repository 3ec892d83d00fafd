using System.Net;
using System.Text;
using System.Text.Json;
using StsFtw.Client.Endpoint;
using StsFtw.Core.Wire;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Client.Tests.Support;

/// <summary>
/// The credential endpoint behind the endpoint client's HTTP handler: it records every request body (the codes in it
/// go to the hygiene ledger) and answers with fresh credentials or the problem it is told to.
/// </summary>
public sealed class FakeCredentialEndpoint : HttpMessageHandler
{
    private readonly List<JsonElement> _posts = [];
    private int _issued;

    /// <summary>How long the credentials it issues live, from <see cref="Clock"/>'s now; null to send no expiration.</summary>
    public TimeSpan? Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock the expirations are computed from.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>When set, the status of a problem answer instead of credentials.</summary>
    public HttpStatusCode? FailWith { get; set; }

    public IReadOnlyList<JsonElement> Posts
    {
        get
        {
            lock (_posts) return _posts.ToList();
        }
    }

    public CredentialEndpointClient Client() => new(CacheSamples.SampleEndpoint, null, this, Clock);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        SecretLedger.Suite.RememberCodesIn(body);
        lock (_posts) _posts.Add(JsonDocument.Parse(body).RootElement.Clone());
        if (FailWith is { } status)
        {
            var problem = $$"""{"type":"{{ProblemTypes.AuthenticationFailed}}","title":"Authentication failed","status":{{(int)status}},"detail":"Authentication failed."}""";
            return new HttpResponseMessage(status) { Content = new StringContent(problem, Encoding.UTF8, MediaTypes.ProblemJson) };
        }
        var tag = "e" + Interlocked.Increment(ref _issued);
        var credentials = CacheSamples.RealisticCredentials(tag);
        var expiration = Lifetime is { } life ? $",\"Expiration\":\"{IsoTimestamp.Format(Clock.GetUtcNow() + life)}\"" : string.Empty;
        var json = $"{{\"AccessKeyId\":\"{credentials.AccessKeyId}\",\"SecretAccessKey\":\"{credentials.SecretAccessKey}\",\"SessionToken\":\"{credentials.SessionToken}\"{expiration}}}";
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, MediaTypes.Json) };
    }
}
