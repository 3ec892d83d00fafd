using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StsFtw.Client.Http;

namespace StsFtw.Client.ConsoleSignIn;

/// <summary>
/// Turns temporary credentials into an AWS console sign-in URL, as the IAM guide's "Enable custom identity broker
/// access to the AWS console" describes: GET the federation endpoint's <c>getSigninToken</c> with the session, then
/// build the <c>login</c> URL with the token, an issuer and a destination.
/// </summary>
/// <remarks>
/// <para>
/// No <c>SessionDuration</c> is sent: the broker's sessions are role-chained (it assumes roles with its own role's
/// credentials), which AWS caps at one hour, and the console session then follows AWS's own default rather than a
/// length that could be refused. A session minted with an explicit DurationSeconds by a caller that is not an IAM
/// user gets no sign-in token from AWS; StsFtw's broker sends DurationSeconds only for lengths other than the default
/// 3600, so only default-length sessions can sign in. A request that says it was minted with another length is refused
/// here, before any call; a refusal from AWS explains the same rule.
/// </para>
/// <para>
/// The credentials travel only to the federation endpoint, over https (plain http only to a loopback address, for the
/// sandbox's stand-in). The answer is bounded in time and size; redirects are not followed. Neither the credentials,
/// the token nor the URL ever appear in a message this class makes.
/// </para>
/// </remarks>
public sealed class ConsoleSignInClient : IDisposable
{
    /// <summary>How long the token request may take when the caller sets no timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Largest answer read from the federation endpoint.</summary>
    public const int MaximumResponseBytes = 16 * 1024;

    /// <summary>Longest sign-in token accepted.</summary>
    public const int MaximumTokenLength = 8192;

    /// <summary>The only session length whose credentials can sign in (AssumeRole's default, sent as no DurationSeconds).</summary>
    public const int SignInableDurationSeconds = 3600;

    /// <summary>The issuer when the request names none.</summary>
    public const string DefaultIssuer = "StsFtw";

    /// <summary>Longest issuer or destination accepted.</summary>
    public const int MaximumParameterLength = 2048;

    private readonly HttpClient _http;
    private readonly Uri? _federationEndpoint;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a client.</summary>
    /// <param name="timeout">How long the token request may take; null for <see cref="DefaultTimeout"/>.</param>
    /// <param name="federationEndpoint">
    /// The federation endpoint for every partition (the sandbox's stand-in, say); null for each partition's own
    /// (<see cref="AwsPartition.FederationEndpoint"/>). https://, or http:// to a loopback address.
    /// </param>
    /// <param name="handler">The HTTP handler (a test seam); null for one that follows no redirects. The client disposes it.</param>
    public ConsoleSignInClient(TimeSpan? timeout = null, Uri? federationEndpoint = null, HttpMessageHandler? handler = null)
    {
        _timeout = timeout ?? DefaultTimeout;
        if (_timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
        if (federationEndpoint is not null && CheckFederationEndpoint(federationEndpoint) is { } problem)
        {
            throw new ArgumentException(problem, nameof(federationEndpoint));
        }
        _federationEndpoint = federationEndpoint;
        _http = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// Why <paramref name="endpoint"/> cannot be a federation endpoint, or null: it must be an absolute https:// URL
    /// (http:// only to a loopback address) without user information, query or fragment.
    /// </summary>
    public static string? CheckFederationEndpoint(Uri endpoint)
    {
        if (endpoint is null) return "The federation endpoint is empty.";
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            return "The federation endpoint must be an absolute https:// URL.";
        }
        if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback)
        {
            return "The federation endpoint uses plain http://, which would send credentials unencrypted; it is accepted only for a loopback address.";
        }
        if (!string.IsNullOrEmpty(endpoint.UserInfo) || !string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            return "The federation endpoint must have no user name, query or fragment.";
        }
        return null;
    }

    /// <summary>Gets a sign-in token for the request's session and returns the sign-in URL.</summary>
    /// <exception cref="ConsoleSignInException">No URL could be made; the message says why, without secrets.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ConsoleSignInUrl> CreateSignInUrlAsync(ConsoleSignInRequest request, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        var partition = request.EffectivePartition;
        var destination = request.Destination ?? partition.ConsoleHome(request.Region);
        var issuer = request.Issuer ?? DefaultIssuer;
        Check(request, destination, issuer);

        var endpoint = _federationEndpoint ?? partition.FederationEndpoint;
        var token = await GetSigninTokenAsync(endpoint, request.Credentials, cancellationToken).ConfigureAwait(false);
        var url = new Uri(endpoint.GetLeftPart(UriPartial.Path)
            + "?Action=login"
            + "&Issuer=" + Uri.EscapeDataString(issuer)
            + "&Destination=" + Uri.EscapeDataString(destination.AbsoluteUri)
            + "&SigninToken=" + Uri.EscapeDataString(token));
        return new ConsoleSignInUrl(url, destination, partition, request.Credentials.Expiration);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>The <c>Session</c> parameter: the JSON document of the session's three parts.</summary>
    internal static string SessionJson(BrokeredCredentials credentials)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("sessionId", credentials.AccessKeyId);
            writer.WriteString("sessionKey", credentials.SecretAccessKey);
            writer.WriteString("sessionToken", credentials.SessionToken);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Check(ConsoleSignInRequest request, Uri destination, string issuer)
    {
        var credentials = request.Credentials;
        if (string.IsNullOrEmpty(credentials.AccessKeyId) || string.IsNullOrEmpty(credentials.SecretAccessKey))
        {
            throw Invalid("The credentials have no access key id or secret access key.");
        }
        if (string.IsNullOrEmpty(credentials.SessionToken))
        {
            throw Invalid("The credentials have no session token: only temporary credentials (from Get-StsCredential) can sign in to the console.");
        }
        if (credentials.Expiration is { } expiration && expiration <= DateTimeOffset.UtcNow)
        {
            throw Invalid(string.Format(CultureInfo.InvariantCulture,
                "The credentials expired at {0}; get new ones (Get-StsCredential) and try again.", IsoTimestamp.Format(expiration)));
        }
        if (request.RequestedDurationSeconds is { } duration && duration != SignInableDurationSeconds)
        {
            throw new ConsoleSignInException(ConsoleSignInFailure.SessionNotSignInable, string.Format(CultureInfo.InvariantCulture,
                "These credentials were requested for {0} seconds, so the broker sent DurationSeconds to AssumeRole, and AWS gives no console " +
                "sign-in to a session a role minted with DurationSeconds (it would have to be an IAM user with long-term keys). Get credentials " +
                "with the default length instead ({1} seconds: leave -DurationSeconds and $env:STS_DURATION_SECONDS unset), then try again.",
                duration, SignInableDurationSeconds));
        }
        if (!destination.IsAbsoluteUri || destination.Scheme != Uri.UriSchemeHttps || destination.AbsoluteUri.Length > MaximumParameterLength
            || !string.IsNullOrEmpty(destination.UserInfo))
        {
            throw Invalid(string.Format(CultureInfo.InvariantCulture,
                "The destination must be an absolute https:// URL of at most {0} characters, without a user name.", MaximumParameterLength));
        }
        if (issuer.Length == 0 || issuer.Length > MaximumParameterLength || issuer.Any(char.IsControl))
        {
            throw Invalid(string.Format(CultureInfo.InvariantCulture,
                "The issuer must be 1 to {0} characters without control characters.", MaximumParameterLength));
        }
    }

    private async Task<string> GetSigninTokenAsync(Uri endpoint, BrokeredCredentials credentials, CancellationToken cancellationToken)
    {
        var where = endpoint.GetLeftPart(UriPartial.Authority);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            // The session goes in the query, as the federation endpoint takes it; the URL is never logged or shown.
            var tokenUrl = new Uri(endpoint.GetLeftPart(UriPartial.Path) + "?Action=getSigninToken&Session=" + Uri.EscapeDataString(SessionJson(credentials)));
            using var request = new HttpRequestMessage(HttpMethod.Get, tokenUrl);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.CacheControl = new CacheControlHeaderValue { NoStore = true };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await BoundedResponse.ReadAsync(response.Content, MaximumResponseBytes, timeout.Token).ConfigureAwait(false);
            if (status == (int)HttpStatusCode.OK)
            {
                return TokenOf(body) ?? throw new ConsoleSignInException(ConsoleSignInFailure.UnexpectedResponse,
                    $"The federation endpoint {where} answered without a sign-in token.")
                { Status = status };
            }
            if (status >= 300 && status < 400)
            {
                throw new ConsoleSignInException(ConsoleSignInFailure.UnexpectedResponse, string.Format(CultureInfo.InvariantCulture,
                    "The federation endpoint {0} answered with a redirect (HTTP {1}), which is not followed.", where, status))
                { Status = status };
            }
            if (status >= 500)
            {
                throw new ConsoleSignInException(ConsoleSignInFailure.Unreachable, string.Format(CultureInfo.InvariantCulture,
                    "The federation endpoint {0} failed (HTTP {1}); try again later.", where, status))
                { Status = status };
            }
            throw new ConsoleSignInException(ConsoleSignInFailure.Refused, string.Format(CultureInfo.InvariantCulture,
                "The federation endpoint {0} refused the session (HTTP {1}). It refuses credentials that have expired or were revoked, " +
                "and sessions a role minted with an explicit DurationSeconds: StsFtw's broker sends none only for the default length " +
                "({2} seconds), so get credentials without -DurationSeconds (and without $env:STS_DURATION_SECONDS), then try again.",
                where, status, SignInableDurationSeconds))
            { Status = status };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw new ConsoleSignInException(ConsoleSignInFailure.TimedOut, string.Format(CultureInfo.InvariantCulture,
                "The federation endpoint {0} did not answer within {1} s.", where, (int)_timeout.TotalSeconds));
        }
        catch (HttpRequestException e)
        {
            // Only the exception's type: a handler's message could name the request URL, which holds the session.
            throw new ConsoleSignInException(ConsoleSignInFailure.Unreachable, string.Format(CultureInfo.InvariantCulture,
                "The federation endpoint {0} could not be reached ({1}).", where, BoundedResponse.Innermost(e).GetType().Name));
        }
        catch (ResponseTooLargeException)
        {
            throw new ConsoleSignInException(ConsoleSignInFailure.UnexpectedResponse, string.Format(CultureInfo.InvariantCulture,
                "The federation endpoint {0} sent more than {1} bytes; this is not AWS's federation endpoint.", where, MaximumResponseBytes));
        }
    }

    private static string? TokenOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("SigninToken", out var token)
                || token.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            var text = token.GetString();
            return string.IsNullOrEmpty(text) || text!.Length > MaximumTokenLength || text.Any(c => c <= ' ' || c > '~') ? null : text;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ConsoleSignInException Invalid(string message) => new(ConsoleSignInFailure.InvalidRequest, message);
}
