using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using StsFtw.Sandbox.Net;

namespace StsFtw.Testing.Lambda;

/// <summary>
/// A loopback stand-in of the Lambda Runtime API (2018-06-01): hands queued events to <c>GET invocation/next</c>
/// (holding the request open until one is queued, as Lambda does) and records responses, invocation errors and
/// init errors with the moment they arrived.
/// </summary>
public sealed class RuntimeApiStandIn : IDisposable
{
    private readonly LoopbackListener _server;
    private readonly Channel<QueuedInvocation> _queue = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimeReply>> _replies = new();
    private readonly TaskCompletionSource<RuntimeReply> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<RuntimeReply> _answered = new();
    private int _nextRequests;

    /// <summary>Starts listening on a free 127.0.0.1 port.</summary>
    public RuntimeApiStandIn()
    {
        _server = LoopbackListener.Start(ServeAsync);
    }

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => $"127.0.0.1:{_server.Port}";

    /// <summary>How many times the runtime asked for the next event.</summary>
    public int NextRequests => Volatile.Read(ref _nextRequests);

    /// <summary>Every answer the runtime has sent so far (responses and error reports), and its init error if any.</summary>
    public IReadOnlyList<RuntimeReply> Replies =>
        _answered.Concat(_initError.Task.IsCompletedSuccessfully ? [_initError.Task.Result] : []).ToArray();

    /// <summary>Completes when the runtime reports an init error.</summary>
    public Task<RuntimeReply> InitError => _initError.Task;

    /// <summary>Queues an event; the returned task completes when the runtime answers it (response or error).</summary>
    public Task<RuntimeReply> Invoke(string payload, TimeSpan? timeout = null, string? traceId = null, string? requestId = null)
    {
        var id = requestId ?? Guid.NewGuid().ToString("D");
        var reply = new TaskCompletionSource<RuntimeReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[id] = reply;
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        _queue.Writer.TryWrite(new QueuedInvocation(id, payload, deadline, traceId));
        return reply.Task;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _server.Dispose();
        _queue.Writer.TryComplete();
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var received = Stopwatch.GetTimestamp();
        var path = context.Request.Url!.AbsolutePath;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                Interlocked.Increment(ref _nextRequests);
                QueuedInvocation next;
                try
                {
                    next = await _queue.Reader.ReadAsync(_server.Stopping).ConfigureAwait(false);
                }
                catch (Exception) when (_server.Stopping.IsCancellationRequested || _queue.Reader.Completion.IsCompleted)
                {
                    context.Response.Abort();
                    return;
                }
                context.Response.StatusCode = 200;
                context.Response.AddHeader("Lambda-Runtime-Aws-Request-Id", next.RequestId);
                context.Response.AddHeader("Lambda-Runtime-Deadline-Ms", next.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                context.Response.AddHeader("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:stsftw");
                if (next.TraceId is not null) context.Response.AddHeader("Lambda-Runtime-Trace-Id", next.TraceId);
                context.Response.ContentType = "application/json";
                await Write(context, next.Payload).ConfigureAwait(false);
                return;
            }

            var body = await ReadBody(context).ConfigureAwait(false);
            var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"];
            if (context.Request.HttpMethod == "POST" && path == "/2018-06-01/runtime/init/error")
            {
                _initError.TrySetResult(new RuntimeReply(null, RuntimeReplyKind.InitError, body, errorType, context.Request.ContentType, received));
                context.Response.StatusCode = 202;
                await Write(context, "{}").ConfigureAwait(false);
                return;
            }
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            // 2018-06-01 / runtime / invocation / {id} / response|error
            if (context.Request.HttpMethod == "POST" && parts.Length == 5 && parts[2] == "invocation" && _replies.TryRemove(Uri.UnescapeDataString(parts[3]), out var reply))
            {
                var kind = parts[4] == "response" ? RuntimeReplyKind.Response : RuntimeReplyKind.Error;
                var answer = new RuntimeReply(Uri.UnescapeDataString(parts[3]), kind, body, errorType, context.Request.ContentType, received);
                _answered.Enqueue(answer);
                reply.TrySetResult(answer);
                context.Response.StatusCode = 202;
                await Write(context, "{}").ConfigureAwait(false);
                return;
            }
            context.Response.StatusCode = 400;
            await Write(context, "{\"errorType\":\"InvalidRequestID\"}").ConfigureAwait(false);
        }
        catch (Exception) when (_server.Stopping.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
        }
    }

    private static async Task<string> ReadBody(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    private static async Task Write(HttpListenerContext context, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private sealed record QueuedInvocation(string RequestId, string Payload, DateTimeOffset Deadline, string? TraceId);
}
