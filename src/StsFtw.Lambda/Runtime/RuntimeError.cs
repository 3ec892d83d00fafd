using System.Text.Json;

namespace StsFtw.Lambda.Runtime;

/// <summary>An error report for <c>/invocation/{id}/error</c> or <c>/init/error</c>.</summary>
/// <param name="ErrorType">For example <c>Runtime.ConfigInvalid</c>; also sent as <c>Lambda-Runtime-Function-Error-Type</c>.</param>
/// <param name="ErrorMessage">For operators; carries no secret.</param>
public sealed record RuntimeError(string ErrorType, string ErrorMessage)
{
    /// <summary>The configuration is missing or wrong.</summary>
    public const string ConfigInvalid = "Runtime.ConfigInvalid";

    /// <summary>Initialisation failed for another reason.</summary>
    public const string InitFailed = "Runtime.InitError";

    /// <summary>The payload was not an ALB or function-URL event.</summary>
    public const string UnsupportedEvent = "StsFtw.UnsupportedEvent";

    /// <summary>The handler failed unexpectedly.</summary>
    public const string HandlerFailed = "StsFtw.HandlerError";

    /// <summary>The body: <c>{"errorMessage","errorType","stackTrace":[]}</c>. Stack traces are never sent.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", ErrorMessage);
            writer.WriteString("errorType", ErrorType);
            writer.WriteStartArray("stackTrace");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
