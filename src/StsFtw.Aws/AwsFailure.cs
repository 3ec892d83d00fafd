using System.Globalization;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using StsFtw.Core.Dependencies;

namespace StsFtw.Aws;

/// <summary>How the AWS adapters sort and describe failures, in one place for every service.</summary>
/// <remarks>
/// The one rule on what a failure text may say (SECURITY.md, rule 8): the error code, the HTTP status and a hint are
/// always safe; the service's own free-text message is quoted only for services whose messages cannot echo what the
/// request carried. DynamoDB's can (a validation error quotes attribute values, and an admin write can carry an
/// otpauth URI), so the auth table's failures never quote it. STS, KMS and SNS messages name principals, keys and
/// limits, which operators need and which are not secret.
/// </remarks>
internal static class AwsFailure
{
    private const int MaximumDetailLength = 300;

    // How AWSSDK.Core 4.x words the failure of its default credential chain (environment, profile, web identity,
    // container, instance); it has no type of its own. Pinned against the real SDK by the module's tests
    // (StsFtw.PowerShell.Tests, AdminCmdletWithoutAwsCredentialsSaysSoAndWhatToDo).
    private const string NoCredentialsFound = "Failed to resolve AWS credentials";

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException", "RequestLimitExceeded", "ThrottlingException", "Throttling", "Throttled",
    };

    /// <summary>
    /// Everything but the caller's own cancellation is the service failing: refusals, throttling, transport errors,
    /// timeouts (SDK v4 throws <see cref="TimeoutException"/>; <see cref="AmazonServiceException"/> does not derive
    /// from <see cref="AmazonClientException"/>, so both are named).
    /// </summary>
    public static bool IsDependencyFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// True when <paramref name="exception"/> says this process has no AWS credentials to sign with: the SDK's default
    /// chain found none, or <c>AWS_PROFILE</c> names a profile that does not exist. Nothing was sent.
    /// </summary>
    public static bool IsMissingCredentials(Exception exception) => exception switch
    {
        ProfileNotFoundException => true,
        AmazonServiceException => false,
        AmazonClientException client => client.Message.StartsWith(NoCredentialsFound, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// The exception an adapter throws for <paramref name="exception"/>: <paramref name="context"/> (what failed, while
    /// doing what), then <see cref="Describe"/>; marked <see cref="DependencyFailureException.CredentialsMissing"/> when
    /// that is the cause.
    /// </summary>
    public static DependencyFailureException ToDependencyFailure(Dependency dependency, string context, Exception exception) =>
        new(dependency, $"{context}: {Describe(exception, dependency)}", exception) { CredentialsMissing = IsMissingCredentials(exception) };

    /// <summary>True when <paramref name="dependency"/>'s own error messages may appear in a failure text (see remarks).</summary>
    public static bool MayQuoteServiceMessage(Dependency dependency) => dependency != Dependency.AuthTable;

    /// <summary>What went wrong on one bounded line, following the rule above; never a request body.</summary>
    public static string Describe(Exception exception, Dependency dependency) => exception switch
    {
        AmazonServiceException service => DescribeServiceError(dependency, service.ErrorCode, (int)service.StatusCode, service.Message),
        OperationCanceledException or TimeoutException => "timed out",
        _ when exception.InnerException is OperationCanceledException or TimeoutException => "timed out",
        ProfileNotFoundException => "no AWS credentials: the profile AWS_PROFILE names does not exist",
        _ when IsMissingCredentials(exception) => "no AWS credentials were found (environment variables, profile, web identity, container or instance role)",
        _ => "transport failure: " + exception.GetType().Name + " (unreachable or the connection broke)",
    };

    /// <summary>A service's error answer (code, status, message) on one bounded line, following the rule above.</summary>
    public static string DescribeServiceError(Dependency dependency, string? errorCode, int statusCode, string? message)
    {
        var code = string.IsNullOrEmpty(errorCode) ? "UnknownError" : errorCode!;
        var hint = code switch
        {
            "ResourceNotFoundException" when dependency == Dependency.AuthTable => "the table does not exist: ",
            _ when ThrottlingCodes.Contains(code) => "throttled: ",
            _ => string.Empty,
        };
        var text = string.Format(CultureInfo.InvariantCulture, "{0}{1} (HTTP {2})", hint, code, statusCode);
        return MayQuoteServiceMessage(dependency) ? text + ": " + OneLine(message) : text;
    }

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
