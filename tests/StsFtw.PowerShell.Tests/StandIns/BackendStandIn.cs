using System.Net;
using System.Text;
using System.Text.Json;
using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.StandIns;

/// <summary>
/// A credential endpoint on 127.0.0.1 that answers per the backend contract: 200 with credentials, or an RFC 9457
/// problem. Tests choose the answer; every request is recorded.
/// </summary>
internal sealed class BackendStandIn : IDisposable
{
    public const string AccessKeyId = "ASIASTANDINEXAMPLE01";
    public const string SecretAccessKey = "standin/Secret+Key/EXAMPLE0123456789abcd";
    public const string SessionToken = "FwoGZXIvYXdzEStandInSessionToken/EXAMPLE+token==";

    private readonly HttpListener _listener = new();
    private readonly List<RecordedRequest> _requests = new();
    private readonly Task _loop;

    public BackendStandIn()
    {
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
        Answer = request => StandInAnswer.Credentials(expiration: Issue(request));
    }

    public string Url { get; }

    /// <summary>The answer to every request (default: credentials with every field, expiring as AWS's would).</summary>
    public Func<RecordedRequest, StandInAnswer> Answer { get; set; }

    /// <summary>When the credentials the default answer issued last expire: the duration asked for, else an hour, from now.</summary>
    public DateTimeOffset LastExpiration { get; private set; }

    /// <summary><see cref="LastExpiration"/> as the answer wrote it.</summary>
    public string LastExpirationText => StandInAnswer.Iso(LastExpiration);

    /// <summary>Now to the second, plus <paramref name="life"/>: an expiration as STS writes it.</summary>
    public static DateTimeOffset ExpirationIn(TimeSpan life)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) + life;
    }

    private DateTimeOffset Issue(RecordedRequest request)
    {
        var seconds = 3600;
        try
        {
            if (request.Json.TryGetProperty("DurationSeconds", out var duration) && duration.TryGetInt32(out var asked)) seconds = asked;
        }
        catch (JsonException)
        {
        }
        return LastExpiration = ExpirationIn(TimeSpan.FromSeconds(seconds));
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests) return _requests.ToArray();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
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
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(context.Request.HttpMethod, context.Request.ContentType, body);
        lock (_requests) _requests.Add(request);
        var answer = Answer(request);
        if (answer.Delay is { } delay) await Task.Delay(delay);
        try
        {
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            context.Response.Headers["Cache-Control"] = "no-store";
            foreach (var (name, value) in answer.Headers) context.Response.Headers[name] = value;
            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up (a timeout test).
        }
    }
}

/// <summary>One request as the stand-in received it.</summary>
internal sealed record RecordedRequest(string Method, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>What the stand-in answers.</summary>
internal sealed record StandInAnswer(int Status, string ContentType, string Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public TimeSpan? Delay { get; init; }

    public static StandInAnswer Credentials(bool withExpiration = true, string? secondary = null, DateTimeOffset? expiration = null) => new(200, "application/json", JsonSerializer.Serialize(
        withExpiration
            ? new Dictionary<string, object?>
            {
                ["AccessKeyId"] = BackendStandIn.AccessKeyId,
                ["SecretAccessKey"] = BackendStandIn.SecretAccessKey,
                ["SessionToken"] = BackendStandIn.SessionToken,
                ["Expiration"] = Iso(expiration ?? BackendStandIn.ExpirationIn(TimeSpan.FromHours(1))),
                ["RoleArn"] = "arn:aws:iam::123456789012:role/Developer",
                ["AssumedRoleArn"] = "arn:aws:sts::123456789012:assumed-role/Developer/example.alice",
                ["Issuer"] = "example",
                ["AccountName"] = "alice",
                ["SecondaryAccountName"] = secondary,
            }
            : new Dictionary<string, object?>
            {
                ["AccessKeyId"] = BackendStandIn.AccessKeyId,
                ["SecretAccessKey"] = BackendStandIn.SecretAccessKey,
                ["SessionToken"] = BackendStandIn.SessionToken,
            }));

    public static string Iso(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static StandInAnswer Problem(int status, string type, string detail, IDictionary<string, object>? extra = null)
    {
        var body = new Dictionary<string, object>
        {
            ["type"] = type,
            ["title"] = "Refused",
            ["status"] = status,
            ["detail"] = detail,
            ["instance"] = "urn:stsftw:request:test-0001",
        };
        if (extra is not null)
        {
            foreach (var (key, value) in extra) body[key] = value;
        }
        return new StandInAnswer(status, "application/problem+json", JsonSerializer.Serialize(body));
    }
}
