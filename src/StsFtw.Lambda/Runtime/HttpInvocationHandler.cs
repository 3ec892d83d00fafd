using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Events;

namespace StsFtw.Lambda.Runtime;

/// <summary>Answers ALB and function-URL events with the credential endpoint.</summary>
public sealed class HttpInvocationHandler(CredentialEndpoint endpoint) : IInvocationHandler
{
    /// <inheritdoc />
    public async Task<byte[]> HandleAsync(Invocation invocation, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var decoded = HttpEventCodec.Decode(invocation.Payload);
        var response = await endpoint.HandleAsync(decoded.Request, new RequestInfo(invocation.RequestId, decoded.Channel, invocation.TraceId), deadline)
            .ConfigureAwait(false);
        return HttpEventCodec.Encode(response, decoded.Shape);
    }
}
