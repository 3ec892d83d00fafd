using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using StsFtw.Client.Endpoint;
using StsFtw.Client.Http;
using StsFtw.Core.Wire;

namespace StsFtw.Client.Enrollment;

/// <summary>
/// Talks to the enrollment routes of the credential endpoint (docs/INVITATIONS.md, "The wire"): start redeems an
/// invitation and returns the pending key, confirm activates it with two codes. Every failure, the network's
/// included, comes back as an <see cref="EnrollmentFailure"/>; only cancellation by the caller throws.
/// </summary>
/// <remarks>
/// Bounded like <see cref="CredentialEndpointClient"/>: no redirects, a timeout, a response size limit, and a 200 is
/// checked by <see cref="EnrollmentAnswerRules"/>. The routes are resolved against the endpoint's root (the backend
/// matches the path exactly). The answer of start holds the secret: its bytes are cleared once read.
/// </remarks>
public sealed class EnrollmentEndpointClient : IDisposable
{
    /// <summary>Largest response body read (an answer is a few hundred bytes).</summary>
    public const int MaximumResponseBytes = 16 * 1024;

    private readonly HttpClient _http;
    private readonly CredentialEndpoint _endpoint;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a client for <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The checked endpoint URL (the one credentials are requested from).</param>
    /// <param name="timeout">How long one request may take; null for <see cref="CredentialEndpointClient.DefaultTimeout"/>.</param>
    /// <param name="handler">The HTTP handler (a test seam); null for one that follows no redirects. The client disposes it.</param>
    public EnrollmentEndpointClient(CredentialEndpoint endpoint, TimeSpan? timeout = null, HttpMessageHandler? handler = null)
    {
        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _timeout = timeout ?? CredentialEndpointClient.DefaultTimeout;
        if (_timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
        _http = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Redeems the invitation; the answer's key is checked to be for the account asked about.</summary>
    /// <exception cref="ArgumentException">The input breaks the rules (see <see cref="EnrollmentStartInput.Validate"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<EnrollmentResult<PendingEnrollment>> StartAsync(EnrollmentStartInput input, CancellationToken cancellationToken)
    {
        if (input is null) throw new ArgumentNullException(nameof(input));
        ThrowIfInvalid(input.Validate(), nameof(input));
        return PostAsync(EnrollmentRoutes.Start, EnrollmentJson.WriteStart(input), members =>
            EnrollmentAnswerRules.ReadPending(members, input, DateTimeOffset.UtcNow, out var refusal) is { } pending ? (pending, refusal) : (null, refusal), cancellationToken);
    }

    /// <summary>Confirms the pending key with two consecutive codes of the new device.</summary>
    /// <exception cref="ArgumentException">The input breaks the rules (see <see cref="EnrollmentConfirmInput.Validate"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<EnrollmentResult<EnrollmentConfirmation>> ConfirmAsync(EnrollmentConfirmInput input, CancellationToken cancellationToken)
    {
        if (input is null) throw new ArgumentNullException(nameof(input));
        ThrowIfInvalid(input.Validate(), nameof(input));
        return PostAsync(EnrollmentRoutes.Confirm, EnrollmentJson.WriteConfirm(input), members =>
            EnrollmentAnswerRules.ReadConfirmation(members, input, out var refusal) is { } confirmation ? (confirmation, refusal) : (null, refusal), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private string Authority => _endpoint.Uri.GetLeftPart(UriPartial.Authority);

    private static void ThrowIfInvalid(IReadOnlyList<string> problems, string name)
    {
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), name);
    }

    private async Task<EnrollmentResult<T>> PostAsync<T>(string route, byte[] requestBody, Func<IReadOnlyDictionary<string, string>?, (T? Value, string Refusal)> read, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoint.Uri, route)) { Content = new ByteArrayContent(requestBody) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.Json);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.Json));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.ProblemJson));
            request.Headers.CacheControl = new CacheControlHeaderValue { NoStore = true };

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await BoundedResponse.ReadAsync(response.Content, MaximumResponseBytes, timeout.Token).ConfigureAwait(false);
            try
            {
                return Interpret(response, body, read);
            }
            finally
            {
                Array.Clear(body, 0, body.Length);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return Fail<T>(EnrollmentFailureKind.TimedOut, string.Format(CultureInfo.InvariantCulture,
                "The endpoint {0} did not answer within {1} s.", Authority, (int)_timeout.TotalSeconds));
        }
        catch (HttpRequestException e)
        {
            return Fail<T>(EnrollmentFailureKind.Unreachable, string.Format(CultureInfo.InvariantCulture,
                "The endpoint {0} could not be reached: {1}", Authority, BoundedResponse.Innermost(e).Message));
        }
        catch (ResponseTooLargeException)
        {
            return Fail<T>(EnrollmentFailureKind.UnexpectedResponse, string.Format(CultureInfo.InvariantCulture,
                "The endpoint {0} sent more than {1} bytes; this is not an enrollment endpoint.", Authority, MaximumResponseBytes));
        }
    }

    private EnrollmentResult<T> Interpret<T>(HttpResponseMessage response, byte[] body, Func<IReadOnlyDictionary<string, string>?, (T? Value, string Refusal)> read)
        where T : class
    {
        var status = (int)response.StatusCode;
        var isJson = CredentialEndpointClient.IsJson(response.Content.Headers.ContentType?.MediaType);
        if (status == (int)HttpStatusCode.OK)
        {
            var (value, refusal) = read(isJson ? EnrollmentJson.ReadMembers(body) : null);
            return value is not null
                ? EnrollmentResult<T>.Success(value)
                : Fail<T>(EnrollmentFailureKind.UnexpectedResponse, string.Format(CultureInfo.InvariantCulture,
                    "The endpoint {0} answered 200 with something the protocol does not allow, so it was refused: {1} Check the endpoint URL.", Authority, refusal), status);
        }
        if (status >= 300 && status < 400)
        {
            return Fail<T>(EnrollmentFailureKind.UnexpectedResponse, string.Format(CultureInfo.InvariantCulture,
                "The endpoint {0} answered with a redirect (HTTP {1}), which is not followed; use the final URL.", Authority, status), status);
        }
        var problem = isJson ? CredentialJson.ReadProblem(body) : null;
        return EnrollmentResult<T>.Failed(EnrollmentFailureMapper.FromResponse(status, problem, CredentialEndpointClient.RetryAfterOf(response)));
    }

    private static EnrollmentResult<T> Fail<T>(EnrollmentFailureKind kind, string message, int? status = null)
        where T : class =>
        EnrollmentResult<T>.Failed(new EnrollmentFailure(kind, message) { Status = status });
}
