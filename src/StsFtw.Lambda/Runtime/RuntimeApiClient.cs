using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace StsFtw.Lambda.Runtime;

/// <summary>The Runtime API over HTTP, at <c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01</c>.</summary>
public sealed class RuntimeApiClient : IRuntimeApiClient, IDisposable
{
    /// <summary>Largest event read (Lambda's synchronous payload limit is 6 MB).</summary>
    public const int MaximumEventBytes = 6 * 1024 * 1024;

    /// <summary>Bound on posting a response or an error (the GET for the next event has none: the sandbox is frozen between events).</summary>
    public static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly Uri _base;

    /// <summary>Creates a client for <paramref name="runtimeApi"/> (<c>host:port</c>, the value of <c>AWS_LAMBDA_RUNTIME_API</c>).</summary>
    public RuntimeApiClient(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        if (!Uri.TryCreate("http://" + runtimeApi.Trim() + "/2018-06-01/", UriKind.Absolute, out var baseUri))
        {
            throw new ArgumentException("AWS_LAMBDA_RUNTIME_API must be host:port.", nameof(runtimeApi));
        }
        _base = baseUri;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = PostTimeout })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaximumEventBytes,
        };
    }

    /// <inheritdoc />
    public async Task<Invocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_base, "runtime/invocation/next"), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException($"GET invocation/next answered {(int)response.StatusCode}.", (int)response.StatusCode);
        }
        var requestId = Header(response, RuntimeApiHeaders.RequestId)
            ?? throw new RuntimeApiException("GET invocation/next gave no request id.", (int)response.StatusCode);
        var deadline = long.TryParse(Header(response, RuntimeApiHeaders.DeadlineMs), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw new RuntimeApiException("GET invocation/next gave no deadline.", (int)response.StatusCode);
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new Invocation(requestId, deadline, Header(response, RuntimeApiHeaders.TraceId), Header(response, RuntimeApiHeaders.InvokedFunctionArn), payload);
    }

    /// <inheritdoc />
    public Task SendResponseAsync(string requestId, byte[] response, CancellationToken cancellationToken) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", new ByteArrayContent(response), null, cancellationToken);

    /// <inheritdoc />
    public Task ReportInvocationErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", ErrorContent(error), error.ErrorType, cancellationToken);

    /// <inheritdoc />
    public Task ReportInitializationErrorAsync(RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync("runtime/init/error", ErrorContent(error), error.ErrorType, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(PostTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = content };
        if (errorType is not null) request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, errorType);
        using var response = await _http.SendAsync(request, bounded.Token).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new RuntimeApiException($"POST {path} answered {(int)response.StatusCode}.", (int)response.StatusCode);
        }
    }

    private static ByteArrayContent ErrorContent(RuntimeError error)
    {
        var content = new ByteArrayContent(error.ToJson());
        content.Headers.ContentType = new MediaTypeHeaderValue(RuntimeApiHeaders.ErrorContentType);
        return content;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
