namespace StsFtw.Lambda.Runtime;

/// <summary>Header names of the Lambda Runtime API (2018-06-01).</summary>
public static class RuntimeApiHeaders
{
    /// <summary>The invocation's request id.</summary>
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";

    /// <summary>When the invocation times out, in Unix epoch milliseconds.</summary>
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";

    /// <summary>The function ARN that was invoked.</summary>
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";

    /// <summary>The X-Ray trace header.</summary>
    public const string TraceId = "Lambda-Runtime-Trace-Id";

    /// <summary>The error type on an error report.</summary>
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    /// <summary>The content type of error reports.</summary>
    public const string ErrorContentType = "application/vnd.aws.lambda.error+json";
}
