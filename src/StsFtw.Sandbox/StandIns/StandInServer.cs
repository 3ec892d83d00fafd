using System.Net;
using System.Text;
using StsFtw.Sandbox.Net;

namespace StsFtw.Sandbox.StandIns;

/// <summary>
/// A loopback HTTP server on a free 127.0.0.1 port that speaks one AWS service's wire protocol well enough for
/// the real clients. It records every call (unless told not to) and can be told, per action, to fail, throttle or
/// stall a number of times. Subclasses parse requests and build answers; the plumbing lives here once.
/// </summary>
public abstract class StandInServer : IDisposable
{
    private readonly LoopbackListener _server;
    private readonly List<RecordedCall> _calls = new();
    private readonly List<Fault> _faults = new();
    private readonly object _lock = new();
    private bool _disposed;

    /// <summary>Starts listening.</summary>
    protected StandInServer()
    {
        _server = LoopbackListener.Start(ServeAsync);
    }

    /// <summary>Where the server answers, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri => _server.BaseUri;

    /// <summary><see cref="BaseUri"/> as an SDK ServiceURL.</summary>
    public string ServiceUrl => BaseUri.ToString();

    /// <summary>
    /// Whether calls are kept for <see cref="Calls"/> (the tests' default). A long-running sandbox turns it off: the
    /// list would grow without bound and would hold what requests carried, such as the secrets KMS is asked to encrypt.
    /// </summary>
    public bool RecordsCalls { get; init; } = true;

    /// <summary>Every call so far, in arrival order (none when <see cref="RecordsCalls"/> is off).</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get { lock (_lock) return _calls.ToArray(); }
    }

    /// <summary>The calls to one action.</summary>
    public IReadOnlyList<RecordedCall> CallsTo(string action) => Calls.Where(c => c.Action == action).ToArray();

    /// <summary>Answers the next <paramref name="times"/> calls to <paramref name="action"/> with an error.</summary>
    public void Fail(string action, int status, string code, string message = "Refused by the stand-in.", int times = int.MaxValue) =>
        AddFault(new Fault(action, times, Error(status, code, message), null));

    /// <summary>Answers the next <paramref name="times"/> calls to <paramref name="action"/> with the service's throttling error.</summary>
    public void Throttle(string action, int times = int.MaxValue) =>
        AddFault(new Fault(action, times, Error(ThrottlingStatus, ThrottlingCode, "Rate exceeded"), null));

    /// <summary>Holds the next <paramref name="times"/> calls to <paramref name="action"/> for <paramref name="delay"/> before answering.</summary>
    public void Stall(string action, TimeSpan delay, int times = int.MaxValue) =>
        AddFault(new Fault(action, times, null, delay));

    /// <summary>Forgets all faults.</summary>
    public void ClearFaults()
    {
        lock (_lock) _faults.Clear();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _server.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The error code the service uses for throttling.</summary>
    protected abstract string ThrottlingCode { get; }

    /// <summary>The HTTP status the service uses for throttling.</summary>
    protected virtual int ThrottlingStatus => 400;

    /// <summary>Reads the action and parameters of a request.</summary>
    protected abstract (string Action, IReadOnlyDictionary<string, string> Parameters) Parse(
        IReadOnlyDictionary<string, string> headers, string body);

    /// <summary>Checks the request's authentication; null when it passes, else the error to answer.</summary>
    protected virtual StandInReply? Authenticate(HttpListenerRequest request, RecordedCall call, byte[] body) => null;

    /// <summary>Answers a call that passed authentication and met no fault.</summary>
    protected abstract StandInReply Handle(RecordedCall call);

    /// <summary>The service's error answer.</summary>
    protected abstract StandInReply Error(int status, string code, string message);

    private void AddFault(Fault fault)
    {
        lock (_lock) _faults.Add(fault);
    }

    private Fault? TakeFault(string action)
    {
        lock (_lock)
        {
            var fault = _faults.FirstOrDefault(f => f.Action == action && f.Remaining > 0);
            if (fault is not null) fault.Remaining--;
            return fault;
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer, _server.Stopping).ConfigureAwait(false);
            var bodyBytes = buffer.ToArray();
            var body = Encoding.UTF8.GetString(bodyBytes);
            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);

            var (action, parameters) = Parse(headers, body);
            var call = new RecordedCall(action, parameters, headers, body);
            if (RecordsCalls)
            {
                lock (_lock) _calls.Add(call);
            }

            var reply = Authenticate(context.Request, call, bodyBytes);
            if (reply is null)
            {
                var fault = TakeFault(action);
                if (fault?.Delay is { } delay) await Task.Delay(delay, _server.Stopping).ConfigureAwait(false);
                reply = fault?.Reply ?? Handle(call);
            }
            await WriteAsync(context.Response, reply).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up (timeout) or the server is stopping.
        }
        catch (Exception exception)
        {
            // A stand-in bug: answer 500 so the test fails loudly rather than hanging.
            try
            {
                await WriteAsync(context.Response, new StandInReply(500, "text/plain", exception.ToString())).ConfigureAwait(false);
            }
            catch (Exception writeFailure) when (writeFailure is HttpListenerException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, StandInReply reply)
    {
        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        response.StatusCode = reply.Status;
        response.ContentType = reply.ContentType;
        response.ContentLength64 = bytes.Length;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    private sealed class Fault(string action, int remaining, StandInReply? reply, TimeSpan? delay)
    {
        public string Action { get; } = action;

        public int Remaining { get; set; } = remaining;

        public StandInReply? Reply { get; } = reply;

        public TimeSpan? Delay { get; } = delay;
    }
}
