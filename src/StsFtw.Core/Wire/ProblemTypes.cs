namespace StsFtw.Core.Wire;

/// <summary>
/// The stable <c>type</c> URIs of StsFtw's problem details, and the HTTP status each travels with.
/// Clients branch on the type, never on the wording of <c>detail</c>.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:stsftw:problem:";

    /// <summary>400: the body is not JSON, or a field is missing, too long or malformed.</summary>
    public const string InvalidRequest = Prefix + "invalid-request";

    /// <summary>401: unknown account, wrong code or replayed code — deliberately indistinguishable.</summary>
    public const string AuthenticationFailed = Prefix + "authentication-failed";

    /// <summary>403: the account's entry requires a co-signer and the request named none.</summary>
    public const string SecondaryRequired = Prefix + "secondary-required";

    /// <summary>403: the named co-signer may not co-sign for this account.</summary>
    public const string SecondaryNotPermitted = Prefix + "secondary-not-permitted";

    /// <summary>403: the role is not one the account may assume.</summary>
    public const string RoleNotPermitted = Prefix + "role-not-permitted";

    /// <summary>405: only POST is served.</summary>
    public const string MethodNotAllowed = Prefix + "method-not-allowed";

    /// <summary>413: the body is larger than the backend accepts.</summary>
    public const string PayloadTooLarge = Prefix + "payload-too-large";

    /// <summary>415: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";

    /// <summary>429: the account (or the co-signer) is locked after repeated failures; see Retry-After.</summary>
    public const string AccountLocked = Prefix + "account-locked";

    /// <summary>500: the backend failed in a way it did not expect. No credentials were issued.</summary>
    public const string InternalError = Prefix + "internal-error";

    /// <summary>502: STS refused or failed to issue the credentials.</summary>
    public const string CredentialsUnavailable = Prefix + "credentials-unavailable";

    /// <summary>503: the auth table, the key or the audit channel is unavailable, or the request ran out of time.</summary>
    public const string ServiceUnavailable = Prefix + "service-unavailable";

    /// <summary>401: enrollment: unknown account, no invitation, or a wrong, expired or used invitation code — deliberately one answer.</summary>
    public const string InvitationNotValid = Prefix + "invitation-not-valid";

    /// <summary>403: enrollment: the invitation replaces a device, and a right current code of the old device is missing.</summary>
    public const string DeviceCodeRequired = Prefix + "device-code-required";

    /// <summary>409: enrollment: the invitation was already redeemed (by this person or someone else).</summary>
    public const string InvitationAlreadyRedeemed = Prefix + "invitation-already-redeemed";

    /// <summary>409: enrollment: confirm before the invitation was redeemed.</summary>
    public const string InvitationNotRedeemed = Prefix + "invitation-not-redeemed";

    /// <summary>401: enrollment: the two codes are not consecutive codes of the new device.</summary>
    public const string EnrollmentCodesNotValid = Prefix + "enrollment-codes-not-valid";
}
