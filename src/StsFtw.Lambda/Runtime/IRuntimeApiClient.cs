namespace StsFtw.Lambda.Runtime;

/// <summary>The Lambda Runtime API, one method per endpoint.</summary>
public interface IRuntimeApiClient
{
    /// <summary><c>GET /runtime/invocation/next</c>: waits (without a timeout) for the next invocation.</summary>
    Task<Invocation> GetNextInvocationAsync(CancellationToken cancellationToken);

    /// <summary><c>POST /runtime/invocation/{id}/response</c>.</summary>
    Task SendResponseAsync(string requestId, byte[] response, CancellationToken cancellationToken);

    /// <summary><c>POST /runtime/invocation/{id}/error</c>.</summary>
    Task ReportInvocationErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken);

    /// <summary><c>POST /runtime/init/error</c>.</summary>
    Task ReportInitializationErrorAsync(RuntimeError error, CancellationToken cancellationToken);
}
