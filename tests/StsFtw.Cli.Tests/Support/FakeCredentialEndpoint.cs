using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using StsFtw.Core.Wire;

namespace StsFtw.Cli.Tests.Support;

/// <summary>
/// A loopback stand-in of the credential endpoint: 200 with a credential JSON like the backend's (fresh made-up keys,
/// or the session it is given, e.g. one the sandbox's STS stand-in issued), or 401 with a problem.
/// </summary>
public sealed class FakeCredentialEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly IssuedCredentials? _session;
    private int _requests;
    private string? _lastBody;

    public FakeCredentialEndpoint(bool refuse = false, IssuedCredentials? session = null)
    {
        Refuse = refuse;
        _session = session;
        if (session is not null) AccessKeyId = session.AccessKeyId;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public bool Refuse { get; }

    public string AccessKeyId { get; } = "ASIA" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The body of the latest request (codes included: a test's own made-up ones), or null.</summary>
    public string? LastBody => Volatile.Read(ref _lastBody);

    // As AWS does: the session lasts what was asked for (the client refuses an expiration beyond that).
    private static int RequestedDurationSeconds(string? body)
    {
        if (body is null) return 3600;
        using var request = JsonDocument.Parse(body);
        return request.RootElement.TryGetProperty(CredentialRequestFields.DurationSeconds, out var duration) && duration.TryGetInt32(out var seconds)
            ? seconds
            : 3600;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            using (var reader = new StreamReader(context.Request.InputStream)) Volatile.Write(ref _lastBody, await reader.ReadToEndAsync());
            var (status, type, body) = Refuse
                ? (401, MediaTypes.ProblemJson, JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    [ProblemFields.Type] = ProblemTypes.AuthenticationFailed,
                    [ProblemFields.Title] = "Authentication failed",
                    [ProblemFields.Status] = 401,
                    [ProblemFields.Detail] = "The code was not accepted.",
                }))
                : (200, MediaTypes.Json, JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    [CredentialResponseFields.AccessKeyId] = AccessKeyId,
                    [CredentialResponseFields.SecretAccessKey] = _session?.SecretAccessKey ?? "secret/+" + Guid.NewGuid().ToString("N"),
                    [CredentialResponseFields.SessionToken] = _session?.SessionToken ?? "token+" + Guid.NewGuid().ToString("N"),
                    [CredentialResponseFields.Expiration] = (_session?.Expiration ?? DateTimeOffset.UtcNow.AddSeconds(RequestedDurationSeconds(LastBody))).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    [CredentialResponseFields.RoleArn] = "arn:aws:iam::123456789012:role/ReadOnly",
                    [CredentialResponseFields.AssumedRoleArn] = "arn:aws:sts::123456789012:assumed-role/ReadOnly/alice",
                    [CredentialResponseFields.Issuer] = "Example",
                    [CredentialResponseFields.AccountName] = "alice",
                }));
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}

/// <summary>A session to hand out instead of made-up keys.</summary>
public sealed record IssuedCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration);
