using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using StsFtw.Sandbox.Net;

namespace StsFtw.Sandbox.StandIns;

/// <summary>
/// AWS's console federation endpoint (<c>/federation</c>) on the loopback, for sessions <see cref="StsStandIn"/>
/// issued: <c>Action=getSigninToken&amp;Session={"sessionId","sessionKey","sessionToken"}</c> answers
/// <c>{"SigninToken":"…"}</c> when the three match a session it issued that has not expired and that AWS would let sign
/// in (not one a role minted with DurationSeconds, see <see cref="IssuedSession.CanSignInToConsole"/>);
/// <c>Action=login&amp;…&amp;SigninToken=…</c> redirects to the destination for a token it gave out in the last 15
/// minutes. Everything else is 400, as AWS answers.
/// </summary>
/// <remarks>
/// Its tokens start with <see cref="SigninTokenPrefix"/>, so a leaked one (or a leaked sign-in URL) is recognised in
/// any captured line. It keeps no request: only, per call, the action, the parameter names and the status.
/// </remarks>
public sealed class FederationStandIn : IDisposable
{
    /// <summary>The path AWS serves it at.</summary>
    public const string Path = "/federation";

    /// <summary>Starts every sign-in token this stand-in gives out (StsFtw.Testing.Hygiene's StandInSecretMarkers.SigninToken).</summary>
    public const string SigninTokenPrefix = "StandInSigninToken";

    /// <summary>How long a sign-in token works, as AWS's do.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    private const int TokensKept = 4096;
    private const int CallsKept = 1024;

    private readonly StsStandIn _sts;
    private readonly LoopbackListener _server;
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Queue<string> _tokenOrder = new();
    private readonly List<FederationCall> _calls = new();
    private readonly object _lock = new();

    /// <summary>Starts a stand-in that checks sessions against those <paramref name="sts"/> issued.</summary>
    public FederationStandIn(StsStandIn sts)
    {
        _sts = sts ?? throw new ArgumentNullException(nameof(sts));
        _server = LoopbackListener.Start(ServeAsync);
    }

    /// <summary>The federation endpoint, e.g. <c>http://127.0.0.1:41234/federation</c>.</summary>
    public Uri Endpoint => new(_server.BaseUri, Path);

    /// <summary>The clock that ages tokens and checks expirations.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>The latest calls (at most 1024), without any value a request carried.</summary>
    public IReadOnlyList<FederationCall> Calls
    {
        get { lock (_lock) return _calls.ToArray(); }
    }

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            var query = QueryForm.Parse(context.Request.Url?.Query.TrimStart('?') ?? string.Empty);
            var action = query.TryGetValue("Action", out var value) ? value : string.Empty;
            var (status, contentType, body, location) = context.Request.HttpMethod != "GET" || context.Request.Url?.AbsolutePath != Path
                ? (404, "text/plain", "Not Found", null)
                : action switch
                {
                    "getSigninToken" => GetSigninToken(query),
                    "login" => Login(query),
                    _ => BadRequest(),
                };
            lock (_lock)
            {
                _calls.Add(new FederationCall(action, query.Keys.Order(StringComparer.Ordinal).ToArray(), status));
                if (_calls.Count > CallsKept) _calls.RemoveAt(0);
            }
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            if (location is not null) context.Response.RedirectLocation = location;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _server.Stopping).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up or the server is stopping.
        }
    }

    private (int, string, string, string?) GetSigninToken(IReadOnlyDictionary<string, string> query)
    {
        if (!query.TryGetValue("Session", out var sessionJson)) return BadRequest();
        if (query.TryGetValue("SessionDuration", out var durationText)
            && (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var duration) || duration < 900 || duration > 43200))
        {
            return BadRequest();
        }
        string? id, key, token;
        try
        {
            using var document = JsonDocument.Parse(sessionJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return BadRequest();
            id = Text(root, "sessionId");
            key = Text(root, "sessionKey");
            token = Text(root, "sessionToken");
        }
        catch (JsonException)
        {
            return BadRequest();
        }
        var issued = id is null ? null : _sts.FindIssued(id);
        if (issued is null || key != issued.SecretAccessKey || token != issued.SessionToken
            || issued.Expiration <= Clock() || !issued.CanSignInToConsole)
        {
            return BadRequest();
        }

        var signinToken = SigninTokenPrefix + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(96))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');
        lock (_lock)
        {
            _tokens[signinToken] = Clock() + TokenLifetime;
            _tokenOrder.Enqueue(signinToken);
            while (_tokenOrder.Count > TokensKept) _tokens.Remove(_tokenOrder.Dequeue());
        }
        return (200, "application/json", JsonSerializer.Serialize(new Dictionary<string, string> { ["SigninToken"] = signinToken }), null);
    }

    private (int, string, string, string?) Login(IReadOnlyDictionary<string, string> query)
    {
        if (!query.TryGetValue("SigninToken", out var token) || !query.TryGetValue("Destination", out var destination)
            || !Uri.TryCreate(destination, UriKind.Absolute, out var target) || target.Scheme != Uri.UriSchemeHttps)
        {
            return BadRequest();
        }
        bool valid;
        lock (_lock) valid = _tokens.TryGetValue(token, out var until) && until > Clock();
        return valid ? (302, "text/plain", "Signed in (stand-in).", target.AbsoluteUri) : BadRequest();
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static (int, string, string, string?) BadRequest() => (400, "text/html", "<html><body>Bad Request</body></html>", null);
}

/// <summary>One call the federation stand-in answered: the action, the names of the parameters sent, the status.</summary>
/// <param name="Action">The <c>Action</c> parameter.</param>
/// <param name="ParameterNames">The names of every query parameter, sorted (no values: they are secrets).</param>
/// <param name="Status">The HTTP status answered.</param>
public sealed record FederationCall(string Action, IReadOnlyList<string> ParameterNames, int Status);
