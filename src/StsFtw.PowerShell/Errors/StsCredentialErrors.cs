using System.Management.Automation;
using StsFtw.Client.Endpoint;

namespace StsFtw.PowerShell.Errors;

/// <summary>The error ids of Get-StsCredential, and the one mapping from a failed request to an error record.</summary>
public static class StsCredentialErrors
{
    /// <summary>A required setting is missing (parameter and STS_* variable).</summary>
    public const string MissingSetting = "StsCredential.MissingSetting";

    /// <summary>A setting or an input is malformed (checked before anything is sent).</summary>
    public const string InvalidInput = "StsCredential.InvalidInput";

    /// <summary>The endpoint is plain http:// to a host that is not loopback.</summary>
    public const string InsecureEndpoint = "StsCredential.InsecureEndpoint";

    /// <summary>A code was needed and there is no terminal (or host) to prompt on, or the prompt was cancelled.</summary>
    public const string CodeRequired = "StsCredential.CodeRequired";

    /// <summary>The code command failed: it did not start, failed, ran too long or printed no code.</summary>
    public const string CodeUnavailable = "StsCredential.CodeUnavailable";

    /// <summary>400 from the endpoint.</summary>
    public const string InvalidRequest = "StsCredential.InvalidRequest";

    /// <summary>401: unknown account, wrong or reused code.</summary>
    public const string AuthenticationFailed = "StsCredential.AuthenticationFailed";

    /// <summary>403: a co-signer is required.</summary>
    public const string SecondaryRequired = "StsCredential.SecondaryRequired";

    /// <summary>403: the co-signer is not permitted.</summary>
    public const string SecondaryNotPermitted = "StsCredential.SecondaryNotPermitted";

    /// <summary>403: the role is not permitted.</summary>
    public const string RoleNotPermitted = "StsCredential.RoleNotPermitted";

    /// <summary>429: the account is locked.</summary>
    public const string AccountLocked = "StsCredential.AccountLocked";

    /// <summary>404/405/413/415: the URL is not a credential endpoint.</summary>
    public const string EndpointMismatch = "StsCredential.EndpointMismatch";

    /// <summary>502: STS did not issue credentials.</summary>
    public const string CredentialsUnavailable = "StsCredential.CredentialsUnavailable";

    /// <summary>500/503: the service is unavailable.</summary>
    public const string ServiceUnavailable = "StsCredential.ServiceUnavailable";

    /// <summary>No answer within the timeout.</summary>
    public const string TimedOut = "StsCredential.TimedOut";

    /// <summary>The endpoint could not be reached.</summary>
    public const string Unreachable = "StsCredential.Unreachable";

    /// <summary>The answer is not part of the protocol.</summary>
    public const string UnexpectedResponse = "StsCredential.UnexpectedResponse";

    /// <summary>The error record for a failed request.</summary>
    internal static ErrorRecord For(CredentialFailure failure, object target)
    {
        var (id, category) = Classify(failure.Kind);
        var exception = new StsCredentialRequestException(
            failure.Message, failure.Status, failure.ProblemType, failure.RetryAfter, failure.Problems.ToArray(), failure.Instance);
        return ErrorRecords.Create(id, category, exception, target, RecommendedAction(failure));
    }

    private static (string Id, ErrorCategory Category) Classify(CredentialFailureKind kind) => kind switch
    {
        CredentialFailureKind.InvalidRequest => (InvalidRequest, ErrorCategory.InvalidArgument),
        CredentialFailureKind.AuthenticationFailed => (AuthenticationFailed, ErrorCategory.AuthenticationError),
        CredentialFailureKind.SecondaryRequired => (SecondaryRequired, ErrorCategory.PermissionDenied),
        CredentialFailureKind.SecondaryNotPermitted => (SecondaryNotPermitted, ErrorCategory.PermissionDenied),
        CredentialFailureKind.RoleNotPermitted => (RoleNotPermitted, ErrorCategory.PermissionDenied),
        CredentialFailureKind.AccountLocked => (AccountLocked, ErrorCategory.LimitsExceeded),
        CredentialFailureKind.EndpointMismatch => (EndpointMismatch, ErrorCategory.InvalidArgument),
        CredentialFailureKind.CredentialsUnavailable => (CredentialsUnavailable, ErrorCategory.ResourceUnavailable),
        CredentialFailureKind.ServiceUnavailable => (ServiceUnavailable, ErrorCategory.ResourceUnavailable),
        CredentialFailureKind.TimedOut => (TimedOut, ErrorCategory.OperationTimeout),
        CredentialFailureKind.Unreachable => (Unreachable, ErrorCategory.ConnectionError),
        _ => (UnexpectedResponse, ErrorCategory.InvalidResult),
    };

    private static string? RecommendedAction(CredentialFailure failure) => failure.Kind switch
    {
        CredentialFailureKind.AuthenticationFailed => "Check the issuer and account name, then use the next code your authenticator shows (each code works once).",
        CredentialFailureKind.SecondaryRequired => "Pass -SecondaryAccountName with a co-signer's account; they give you their current code.",
        CredentialFailureKind.AccountLocked => "Wait until the lock ends, or ask an admin to run Unlock-StsEnrollment.",
        CredentialFailureKind.EndpointMismatch or CredentialFailureKind.UnexpectedResponse => "Check -Endpoint or $env:STS_ENDPOINT.",
        _ => null,
    };
}
