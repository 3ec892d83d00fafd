using System.Threading.Channels;
using StsFtw.Lambda.Runtime;

namespace StsFtw.Lambda.Tests.Runtime;

/// <summary>An in-memory Runtime API that hands out queued invocations and records what the loop posts.</summary>
internal sealed class FakeRuntimeApi : IRuntimeApiClient
{
    private readonly Channel<Invocation> _queue = Channel.CreateUnbounded<Invocation>();
    private readonly List<string> _calls = new();

    public List<(string RequestId, byte[] Body)> Responses { get; } = new();

    public List<(string RequestId, RuntimeError Error)> InvocationErrors { get; } = new();

    public List<RuntimeError> InitErrors { get; } = new();

    public IReadOnlyList<string> Calls
    {
        get { lock (_calls) return _calls.ToArray(); }
    }

    /// <summary>When set, the next GET fails once with this exception.</summary>
    public Exception? FailNextGet { get; set; }

    public void Queue(Invocation invocation) => _queue.Writer.TryWrite(invocation);

    public async Task<Invocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        Record("next");
        if (FailNextGet is { } failure)
        {
            FailNextGet = null;
            throw failure;
        }
        return await _queue.Reader.ReadAsync(cancellationToken);
    }

    public Task SendResponseAsync(string requestId, byte[] response, CancellationToken cancellationToken)
    {
        Record("response " + requestId);
        lock (Responses) Responses.Add((requestId, response));
        return Task.CompletedTask;
    }

    public Task ReportInvocationErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken)
    {
        Record("error " + requestId);
        lock (InvocationErrors) InvocationErrors.Add((requestId, error));
        return Task.CompletedTask;
    }

    public Task ReportInitializationErrorAsync(RuntimeError error, CancellationToken cancellationToken)
    {
        Record("init-error");
        InitErrors.Add(error);
        return Task.CompletedTask;
    }

    private void Record(string call)
    {
        lock (_calls) _calls.Add(call);
    }
}
