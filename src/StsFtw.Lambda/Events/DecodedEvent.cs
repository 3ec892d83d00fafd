using StsFtw.Lambda.Http;

namespace StsFtw.Lambda.Events;

/// <summary>An HTTP request taken out of an invocation event, and the shape to answer in.</summary>
public sealed record DecodedEvent(HttpRequestData Request, EventShape Shape)
{
    /// <summary>The log's name for the channel: <c>alb</c> or <c>function-url</c>.</summary>
    public string Channel => Shape == EventShape.FunctionUrl ? "function-url" : "alb";
}
