using System.Text.Json;

namespace StsFtw.Testing.Lambda;

/// <summary>What kind of answer the runtime posted.</summary>
public enum RuntimeReplyKind
{
    /// <summary><c>/invocation/{id}/response</c>.</summary>
    Response,

    /// <summary><c>/invocation/{id}/error</c>.</summary>
    Error,

    /// <summary><c>/init/error</c>.</summary>
    InitError,
}

/// <summary>An answer the runtime posted to the Runtime API stand-in.</summary>
/// <param name="RequestId">The invocation, or null for an init error.</param>
/// <param name="Kind">Response or error.</param>
/// <param name="Body">The posted body.</param>
/// <param name="ErrorType">The <c>Lambda-Runtime-Function-Error-Type</c> header, for errors.</param>
/// <param name="ContentType">The posted content type.</param>
/// <param name="ReceivedTimestamp">When it arrived (<see cref="System.Diagnostics.Stopwatch"/> ticks).</param>
public sealed record RuntimeReply(string? RequestId, RuntimeReplyKind Kind, string Body, string? ErrorType, string? ContentType, long ReceivedTimestamp)
{
    /// <summary>The HTTP status inside an ALB or function-URL response.</summary>
    public int StatusCode => Json().GetProperty("statusCode").GetInt32();

    /// <summary>The HTTP body inside an ALB or function-URL response.</summary>
    public string HttpBody => Json().GetProperty("body").GetString()!;

    /// <summary>The HTTP body parsed.</summary>
    public JsonElement HttpJson() => JsonDocument.Parse(HttpBody).RootElement.Clone();

    /// <summary>The posted body parsed.</summary>
    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}
