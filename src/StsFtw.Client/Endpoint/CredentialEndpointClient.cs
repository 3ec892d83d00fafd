using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using StsFtw.Client.Http;
using StsFtw.Core.Wire;

namespace StsFtw.Client.Endpoint;

/// <summary>
/// Talks to the credential endpoint: one POST of a <see cref="CredentialRequestInput"/>, answered with credentials or
/// an RFC 9457 problem. Every failure, the network's included, comes back as a <see cref="CredentialFailure"/>;
/// only cancellation by the caller throws.
/// </summary>
/// <remarks>
/// Redirects are not followed (a redirect could lead to plain http, and a POST must not be replayed elsewhere);
/// response bodies larger than <see cref="MaximumResponseBytes"/> are refused; a 200 whose fields are not what AWS
/// issues is refused (<see cref="CredentialAnswerRules"/>). The caller disposes the client.
/// </remarks>
public sealed class CredentialEndpointClient : IDisposable
{
    /// <summary>How long one request may take when the caller sets no timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Largest response body read.</summary>
    public const int MaximumResponseBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly CredentialEndpoint _endpoint;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _clock;

    /// <summary>Creates a client for <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The checked endpoint URL.</param>
    /// <param name="timeout">How long one request may take; null for <see cref="DefaultTimeout"/>.</param>
    /// <param name="handler">The HTTP handler (a test seam); null for one that follows no redirects. The client disposes it.</param>
    public CredentialEndpointClient(CredentialEndpoint endpoint, TimeSpan? timeout = null, HttpMessageHandler? handler = null)
        : this(endpoint, timeout, handler, null)
    {
    }

    // The clock is a test seam only, and internal on purpose: a TimeProvider in a public signature would make every
    // caller reference Microsoft.Bcl.TimeProvider on netstandard2.0, which the module's cmdlet assembly (loaded in
    // the default context, docs/ARCHITECTURE.md "isolated load context") cannot resolve.
    internal CredentialEndpointClient(CredentialEndpoint endpoint, TimeSpan? timeout, HttpMessageHandler? handler, TimeProvider? clock)
    {
        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _clock = clock ?? TimeProvider.System;
        _timeout = timeout ?? DefaultTimeout;
        if (_timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
        _http = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The endpoint this client posts to.</summary>
    public CredentialEndpoint Endpoint => _endpoint;

    /// <summary>Posts the request and reads the answer.</summary>
    /// <exception cref="ArgumentException">The request breaks the input rules (see <see cref="CredentialRequestInput.Validate"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<CredentialResult> PostCredentialRequestAsync(CredentialRequestInput input, CancellationToken cancellationToken)
    {
        if (input is null) throw new ArgumentNullException(nameof(input));
        var problems = input.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(input));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Uri)
            {
                Content = new ByteArrayContent(CredentialJson.WriteRequest(input)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.Json);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.Json));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.ProblemJson));
            request.Headers.CacheControl = new CacheControlHeaderValue { NoStore = true };

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await BoundedResponse.ReadAsync(response.Content, MaximumResponseBytes, timeout.Token).ConfigureAwait(false);
            return Interpret(response, body, input.DurationSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return Fail(CredentialFailureKind.TimedOut, string.Format(CultureInfo.InvariantCulture,
                "The endpoint {0} did not answer within {1} s.", Authority, (int)_timeout.TotalSeconds));
        }
        catch (HttpRequestException e)
        {
            return Fail(CredentialFailureKind.Unreachable, string.Format(CultureInfo.InvariantCulture,
                "The endpoint {0} could not be reached: {1}", Authority, BoundedResponse.Innermost(e).Message));
        }
        catch (ResponseTooLargeException)
        {
            return Fail(CredentialFailureKind.UnexpectedResponse, string.Format(CultureInfo.InvariantCulture,
                "The endpoint {0} sent more than {1} bytes; this is not a credential endpoint.", Authority, MaximumResponseBytes));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private string Authority => _endpoint.Uri.GetLeftPart(UriPartial.Authority);

    private CredentialResult Interpret(HttpResponseMessage response, byte[] body, int? requestedSeconds)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (status == (int)HttpStatusCode.OK)
        {
            string? expirationText = null;
            var credentials = IsJson(mediaType) ? CredentialJson.ReadCredentials(body, out expirationText) : null;
            if (credentials is null)
            {
                return Fail(CredentialFailureKind.UnexpectedResponse, string.Format(CultureInfo.InvariantCulture,
                    "The endpoint {0} answered 200 without credentials; check the endpoint URL.", Authority), status);
            }
            // SECURITY.md rule A1: the message names the field and the rule, never the value (it may be a secret).
            return CredentialAnswerRules.Check(credentials, expirationText, requestedSeconds, _clock.GetUtcNow()) is { } refusal
                ? Fail(CredentialFailureKind.UnexpectedResponse, string.Format(CultureInfo.InvariantCulture,
                    "The endpoint {0} answered 200 with credentials that are not what AWS issues, so they were refused: {1} Check the endpoint URL.", Authority, refusal), status)
                : CredentialResult.Success(credentials);
        }
        if (status >= 300 && status < 400)
        {
            return Fail(CredentialFailureKind.UnexpectedResponse, string.Format(CultureInfo.InvariantCulture,
                "The endpoint {0} answered with a redirect (HTTP {1}), which is not followed; use the final URL.", Authority, status), status);
        }
        var problem = IsJson(mediaType) ? CredentialJson.ReadProblem(body) : null;
        return CredentialResult.Failed(CredentialFailureMapper.FromResponse(status, problem, RetryAfterOf(response)));
    }

    internal static bool IsJson(string? mediaType) =>
        string.Equals(mediaType, MediaTypes.Json, StringComparison.OrdinalIgnoreCase)
        || string.Equals(mediaType, MediaTypes.ProblemJson, StringComparison.OrdinalIgnoreCase);

    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta && delta >= TimeSpan.Zero) return delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static CredentialResult Fail(CredentialFailureKind kind, string message, int? status = null) =>
        CredentialResult.Failed(new CredentialFailure(kind, message) { Status = status });
}
