using System.Net;
using System.Text;
using System.Text.Json;
using StsFtw.Client.Endpoint;
using StsFtw.Client.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.Core.Wire;
using StsFtw.Sandbox.Net;

namespace StsFtw.Client.Tests.Support;

/// <summary>
/// The enrollment routes on a real loopback listener (127.0.0.1): records each request's path and body and answers
/// what the test says (by default what the backend sends for the account asked about).
/// </summary>
public sealed class FakeEnrollmentServer : IDisposable
{
    public const string Issuer = "Example Corp";
    public const string Account = "alice";
    public const string InvitationCode = "inv1-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567";

    private readonly LoopbackListener _listener;
    private readonly List<(string Path, JsonElement Body, string? ContentType)> _requests = [];

    public FakeEnrollmentServer()
    {
        _listener = LoopbackListener.Start(ServeAsync);
    }

    public TotpKey Key { get; } = TotpKey.Generate(Issuer, Account);

    /// <summary>The answer: status, content type and body; null answers as the backend would.</summary>
    public Func<string, (int Status, string ContentType, string Body)>? Answer { get; set; }

    /// <summary>Extra headers of the answer.</summary>
    public Dictionary<string, string> Headers { get; } = new();

    public TimeSpan Delay { get; set; }

    public IReadOnlyList<(string Path, JsonElement Body, string? ContentType)> Requests
    {
        get
        {
            lock (_requests) return _requests.ToList();
        }
    }

    public Uri BaseUri => _listener.BaseUri;

    /// <summary>A client whose endpoint URL has a path of its own (the routes are resolved against the root).</summary>
    public EnrollmentEndpointClient Client(TimeSpan? timeout = null) =>
        new(CredentialEndpoint.Create(new Uri(BaseUri, "credentials").ToString()), timeout);

    public string StartAnswer(string? uri = null, string? issuer = null, string? account = null, string? expiresAt = null, string extra = "") =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            [EnrollmentFields.Issuer] = issuer ?? Issuer,
            [EnrollmentFields.AccountName] = account ?? Account,
            [EnrollmentFields.OtpAuthUri] = uri ?? Key.ToUri(),
            [EnrollmentFields.ExpiresAt] = expiresAt ?? IsoTimestamp.Format(DateTimeOffset.UtcNow.AddHours(24)),
        }).TrimEnd('}') + extra + "}";

    public static string ConfirmAnswer(string status = "active", string rotation = "false") =>
        $$"""{"issuer":"{{Issuer}}","account_name":"{{Account}}","status":"{{status}}","rotation":{{rotation}}}""";

    public static string Problem(string type, int status, string detail, string extra = "") =>
        $$"""{"type":"{{type}}","title":"t","status":{{status}},"detail":"{{detail}}","instance":"urn:stsftw:request:r1"{{extra}}}""";

    public void Dispose() => _listener.Dispose();

    private async Task ServeAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        lock (_requests) _requests.Add((context.Request.Url!.AbsolutePath, JsonDocument.Parse(text).RootElement.Clone(), context.Request.ContentType));
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, _listener.Stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        var path = context.Request.Url.AbsolutePath;
        var (status, contentType, body) = Answer?.Invoke(path)
            ?? (200, MediaTypes.Json, path == EnrollmentRoutes.Start ? StartAnswer() : ConfirmAnswer());
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        foreach (var header in Headers) context.Response.Headers[header.Key] = header.Value;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength64 = bytes.Length;
        try
        {
            await context.Response.OutputStream.WriteAsync(bytes, _listener.Stopping);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or OperationCanceledException)
        {
            // The client gave up first (the timeout test).
        }
        context.Response.Close();
    }
}
