namespace StsFtw.Lambda.Events;

/// <summary>Which kind of event a request came in, so the answer goes back in the same shape.</summary>
public enum EventShape
{
    /// <summary>An ALB target-group event with single-value headers.</summary>
    Alb,

    /// <summary>An ALB target-group event with <c>lambda.multi_value_headers.enabled</c>.</summary>
    AlbMultiValue,

    /// <summary>A Lambda function URL event (payload format 2.0).</summary>
    FunctionUrl,
}
