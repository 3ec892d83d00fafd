using System.Globalization;
using Amazon.Runtime;

namespace StsFtw.Core.Aws;

/// <summary>How the AWS adapters sort and describe failures, in one place.</summary>
internal static class AwsFailure
{
    private const int MaximumDetailLength = 300;

    /// <summary>
    /// Everything but the caller's own cancellation is the service failing: refusals, throttling, transport errors,
    /// timeouts (SDK v4 throws <see cref="TimeoutException"/>; <see cref="AmazonServiceException"/> does not derive
    /// from <see cref="AmazonClientException"/>, so both are named).
    /// </summary>
    public static bool IsDependencyFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>The error code, HTTP status and the service's message on one bounded line; never a request body.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        AmazonServiceException service => string.Format(
            CultureInfo.InvariantCulture,
            "{0} (HTTP {1}): {2}",
            string.IsNullOrEmpty(service.ErrorCode) ? "UnknownError" : service.ErrorCode,
            (int)service.StatusCode,
            OneLine(service.Message)),
        OperationCanceledException or TimeoutException => "timed out",
        _ when exception.InnerException is OperationCanceledException or TimeoutException => "timed out",
        _ => "transport failure: " + exception.GetType().Name,
    };

    /// <summary>Text made safe for one log line: control characters blanked, at most 300 characters.</summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "no message";
        var chars = text!.Length > MaximumDetailLength ? text.Substring(0, MaximumDetailLength).ToCharArray() : text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i])) chars[i] = ' ';
        }
        return new string(chars);
    }
}
