using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

using StsFtw.Sandbox.Net;

namespace StsFtw.Testing.Faults;

/// <summary>
/// A fault-injecting HTTP proxy on 127.0.0.1 in front of a DynamoDB server (dynalite), for the failures dynalite
/// cannot produce. It forwards every request unchanged unless a fault matches, and records every request it saw
/// (operation, arrival time, whether it reached the table).
/// </summary>
/// <remarks>
/// <para>
/// One thing it adds to dynalite 4.0.0, which ignores <c>ReturnValuesOnConditionCheckFailure</c>: when a write that
/// asked for <c>ALL_OLD</c> fails its condition, the proxy reads the item (consistently) and returns it in the error's
/// <c>Item</c>, as DynamoDB does, so code paths that depend on it run against the real client.
/// </para>
/// <para>
/// A fault matches by operation (the part of <c>X-Amz-Target</c> after the dot, for example <c>UpdateItem</c>, or
/// <see cref="AnyOperation"/>) and optionally by a fragment of the request body (to tell apart two UpdateItems by
/// the attribute they write), and applies to the next <c>times</c> matching requests. The first matching fault wins.
/// </para>
/// </remarks>
public sealed class FaultProxy : IDisposable
{
    /// <summary>Matches every operation.</summary>
    public const string AnyOperation = "*";

    private const string TargetPrefix = "DynamoDB_20120810.";
    private const string JsonContentType = "application/x-amz-json-1.0";

    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Content-Type", "Expect", "Keep-Alive", "Transfer-Encoding",
    };

    private readonly LoopbackListener _server;
    private readonly HttpClient _upstream;
    private readonly Uri _upstreamUri;
    private readonly List<Fault> _faults = new();
    private readonly List<ProxiedRequest> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();

    /// <summary>Starts a proxy on a free loopback port that forwards to <paramref name="upstreamServiceUrl"/>.</summary>
    public FaultProxy(string upstreamServiceUrl)
    {
        _upstreamUri = new Uri(upstreamServiceUrl.TrimEnd('/') + "/");
        _upstream = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseProxy = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _server = LoopbackListener.Start(ServeAsync);
    }

    /// <summary>The proxy's address, to give the DynamoDB client as its service URL.</summary>
    public string ServiceUrl => $"http://127.0.0.1:{_server.Port}";

    /// <summary>Every request the proxy received, in arrival order.</summary>
    public IReadOnlyList<ProxiedRequest> Requests
    {
        get { lock (_gate) return _requests.ToArray(); }
    }

    /// <summary>The requests for one operation (optionally only those whose body contains <paramref name="bodyContains"/>).</summary>
    public IReadOnlyList<ProxiedRequest> RequestsTo(string operation, string? bodyContains = null) =>
        Requests.Where(r => Matches(operation, bodyContains, r.Operation, r.Body)).ToArray();

    /// <summary>Answers matching requests with a DynamoDB JSON error (<c>__type</c> = <paramref name="errorType"/>) without forwarding them.</summary>
    public void Fail(string operation, int status, string errorType, int times = int.MaxValue, string? bodyContains = null) =>
        Add(new Fault(operation, bodyContains, times, FaultKind.Error, status, errorType, TimeSpan.Zero));

    /// <summary>Holds matching requests for <paramref name="delay"/> without forwarding them, then drops the connection.</summary>
    public void Stall(string operation, TimeSpan delay, int times = int.MaxValue, string? bodyContains = null) =>
        Add(new Fault(operation, bodyContains, times, FaultKind.Stall, 0, null, delay));

    /// <summary>Drops the connection of matching requests without forwarding or answering them.</summary>
    public void Drop(string operation, int times = int.MaxValue, string? bodyContains = null) =>
        Add(new Fault(operation, bodyContains, times, FaultKind.Drop, 0, null, TimeSpan.Zero));

    /// <summary>
    /// Answers matching requests with a 200 whose body ends after a few bytes of the length it announced, without
    /// forwarding them: a connection cut mid-answer, which the SDK reports as a response that ended prematurely.
    /// </summary>
    public void Truncate(string operation, int times = int.MaxValue, string? bodyContains = null) =>
        Add(new Fault(operation, bodyContains, times, FaultKind.Truncate, 0, null, TimeSpan.Zero));

    /// <summary>
    /// Forwards matching requests (so a write lands in the table) but drops the connection instead of returning the
    /// answer: the ambiguous failure after which a client cannot know whether its write applied.
    /// </summary>
    public void ApplyThenDrop(string operation, int times = int.MaxValue, string? bodyContains = null) =>
        Add(new Fault(operation, bodyContains, times, FaultKind.ApplyThenDrop, 0, null, TimeSpan.Zero));

    /// <summary>Removes every fault; requests are forwarded again.</summary>
    public void ClearFaults()
    {
        lock (_gate) _faults.Clear();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _server.Dispose();
        _upstream.Dispose();
    }

    private void Add(Fault fault)
    {
        lock (_gate) _faults.Add(fault);
    }

    private Fault? Take(string operation, string body)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => f.Remaining > 0 && Matches(f.Operation, f.BodyContains, operation, body));
            if (fault is not null) fault.Remaining--;
            return fault;
        }
    }

    private static bool Matches(string wanted, string? bodyContains, string operation, string body) =>
        (wanted == AnyOperation || string.Equals(wanted, operation, StringComparison.Ordinal))
        && (bodyContains is null || body.Contains(bodyContains, StringComparison.Ordinal));

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer, _server.Stopping).ConfigureAwait(false);
            var bodyBytes = buffer.ToArray();
            var body = Encoding.UTF8.GetString(bodyBytes);
            var target = context.Request.Headers["X-Amz-Target"] ?? string.Empty;
            var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
            var fault = Take(operation, body);
            var forwarded = fault is null || fault.Kind == FaultKind.ApplyThenDrop;
            lock (_gate) _requests.Add(new ProxiedRequest(operation, body, _clock.Elapsed, forwarded, fault?.Kind.ToString()));

            switch (fault?.Kind)
            {
                case FaultKind.Error:
                    await WriteAsync(context.Response, fault.Status, JsonContentType,
                        Encoding.UTF8.GetBytes($$"""{"__type":"com.amazonaws.dynamodb.v20120810#{{fault.ErrorType}}","message":"Injected by the fault proxy"}""")).ConfigureAwait(false);
                    return;
                case FaultKind.Stall:
                    await Task.Delay(fault.Delay, _server.Stopping).ConfigureAwait(false);
                    context.Response.Abort();
                    return;
                case FaultKind.Drop:
                    context.Response.Abort();
                    return;
                case FaultKind.Truncate:
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = JsonContentType;
                    context.Response.ContentLength64 = 64;
                    await context.Response.OutputStream.WriteAsync("{\"Attr"u8.ToArray(), _server.Stopping).ConfigureAwait(false);
                    await context.Response.OutputStream.FlushAsync(_server.Stopping).ConfigureAwait(false);
                    context.Response.Abort();
                    return;
                case FaultKind.ApplyThenDrop:
                    using (await ForwardAsync(context.Request, bodyBytes).ConfigureAwait(false))
                    {
                        context.Response.Abort();
                    }
                    return;
                default:
                    using (var response = await ForwardAsync(context.Request, bodyBytes).ConfigureAwait(false))
                    {
                        var answer = await response.Content.ReadAsByteArrayAsync(_server.Stopping).ConfigureAwait(false);
                        var withItem = await WithOldItemAsync(context.Request, body, (int)response.StatusCode, answer).ConfigureAwait(false);
                        foreach (var header in response.Headers)
                        {
                            if (HopByHopHeaders.Contains(header.Key)) continue;
                            // A rewritten body no longer matches the upstream's checksum.
                            if (withItem is not null && header.Key.Equals("x-amz-crc32", StringComparison.OrdinalIgnoreCase)) continue;
                            context.Response.Headers[header.Key] = string.Join(",", header.Value);
                        }
                        answer = withItem ?? answer;
                        await WriteAsync(context.Response, (int)response.StatusCode,
                            response.Content.Headers.ContentType?.ToString() ?? JsonContentType, answer).ConfigureAwait(false);
                    }
                    return;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or IOException
                                              or ObjectDisposedException or HttpRequestException or InvalidOperationException)
        {
            // The client gave up, the proxy is stopping, or the upstream is gone: the connection just ends.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private Task<HttpResponseMessage> ForwardAsync(HttpListenerRequest request, byte[] body, string? target = null)
    {
        var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_upstreamUri, request.RawUrl?.TrimStart('/') ?? string.Empty))
        {
            Content = new ByteArrayContent(body),
        };
        forward.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType ?? JsonContentType);
        foreach (var name in request.Headers.AllKeys)
        {
            if (name is null || HopByHopHeaders.Contains(name)) continue;
            forward.Headers.TryAddWithoutValidation(name, name.Equals("X-Amz-Target", StringComparison.OrdinalIgnoreCase) && target is not null ? target : request.Headers[name]);
        }
        return SendAsync(forward);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage forward)
    {
        using (forward) return await _upstream.SendAsync(forward, _server.Stopping).ConfigureAwait(false);
    }

    // DynamoDB's ReturnValuesOnConditionCheckFailure=ALL_OLD, which dynalite ignores: the error carries the item.
    private async Task<byte[]?> WithOldItemAsync(HttpListenerRequest request, string body, int status, byte[] answer)
    {
        if (status != 400 || !Encoding.UTF8.GetString(answer).Contains("ConditionalCheckFailedException", StringComparison.Ordinal)) return null;
        if (JsonNode.Parse(body) is not JsonObject sent || sent["ReturnValuesOnConditionCheckFailure"]?.GetValue<string>() != "ALL_OLD") return null;
        var read = new JsonObject { ["TableName"] = sent["TableName"]?.DeepClone(), ["Key"] = sent["Key"]?.DeepClone(), ["ConsistentRead"] = true };
        using var response = await ForwardAsync(request, Encoding.UTF8.GetBytes(read.ToJsonString()), TargetPrefix + "GetItem").ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) return null;
        if (JsonNode.Parse(await response.Content.ReadAsStringAsync(_server.Stopping).ConfigureAwait(false))?["Item"] is not JsonObject item) return null;
        var error = JsonNode.Parse(answer)!.AsObject();
        error["Item"] = item.DeepClone();
        return Encoding.UTF8.GetBytes(error.ToJsonString());
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        if (string.IsNullOrEmpty(response.Headers["x-amzn-RequestId"])) response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }


    private enum FaultKind
    {
        Error,
        Stall,
        Drop,
        Truncate,
        ApplyThenDrop,
    }

    private sealed class Fault(string operation, string? bodyContains, int remaining, FaultKind kind, int status, string? errorType, TimeSpan delay)
    {
        public string Operation { get; } = operation;

        public string? BodyContains { get; } = bodyContains;

        public int Remaining { get; set; } = remaining;

        public FaultKind Kind { get; } = kind;

        public int Status { get; } = status;

        public string? ErrorType { get; } = errorType;

        public TimeSpan Delay { get; } = delay;
    }
}

/// <summary>One request the <see cref="FaultProxy"/> received.</summary>
/// <param name="Operation">The DynamoDB operation, e.g. <c>UpdateItem</c>.</param>
/// <param name="Body">The JSON request body (tables here hold only test data).</param>
/// <param name="ReceivedAt">When it arrived, from the proxy's start.</param>
/// <param name="ReachedTable">Whether it was forwarded to the table.</param>
/// <param name="Fault">The fault applied, or null.</param>
public sealed record ProxiedRequest(string Operation, string Body, TimeSpan ReceivedAt, bool ReachedTable, string? Fault);
