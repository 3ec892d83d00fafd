namespace StsFtw.PowerShell.Tests.StandIns;

/// <summary>The backend contract's problem types, spelled out here so a drift in Core's constants is caught.</summary>
internal static class Problems
{
    public const string InvalidRequest = "urn:stsftw:problem:invalid-request";
    public const string AuthenticationFailed = "urn:stsftw:problem:authentication-failed";
    public const string SecondaryRequired = "urn:stsftw:problem:secondary-required";
    public const string SecondaryNotPermitted = "urn:stsftw:problem:secondary-not-permitted";
    public const string RoleNotPermitted = "urn:stsftw:problem:role-not-permitted";
    public const string MethodNotAllowed = "urn:stsftw:problem:method-not-allowed";
    public const string AccountLocked = "urn:stsftw:problem:account-locked";
    public const string InternalError = "urn:stsftw:problem:internal-error";
    public const string CredentialsUnavailable = "urn:stsftw:problem:credentials-unavailable";
    public const string ServiceUnavailable = "urn:stsftw:problem:service-unavailable";
}
