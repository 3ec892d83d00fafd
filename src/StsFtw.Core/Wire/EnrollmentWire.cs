namespace StsFtw.Core.Wire;

/// <summary>The paths of the enrollment routes (docs/INVITATIONS.md, "The wire"); every other path is the credential request.</summary>
public static class EnrollmentRoutes
{
    /// <summary>Redeems an invitation and returns the pending key.</summary>
    public const string Start = "/enrollment/start";

    /// <summary>Confirms the pending key with two consecutive codes.</summary>
    public const string Confirm = "/enrollment/confirm";
}

/// <summary>Member names of the enrollment routes' bodies (exact, snake_case; unknown members are refused).</summary>
public static class EnrollmentFields
{
    /// <summary>The issuer (request and answer).</summary>
    public const string Issuer = "issuer";

    /// <summary>The account (request and answer).</summary>
    public const string AccountName = "account_name";

    /// <summary>The invitation code (both requests). Never logged.</summary>
    public const string InvitationCode = "invitation_code";

    /// <summary>Start, rotation only: a current code of the old device.</summary>
    public const string CurrentCode = "current_code";

    /// <summary>Confirm: a code of the new device.</summary>
    public const string FirstCode = "first_code";

    /// <summary>Confirm: the new device's next code after <see cref="FirstCode"/>.</summary>
    public const string SecondCode = "second_code";

    /// <summary>Start's answer: the otpauth URI of the pending key (holds the secret; for this person only).</summary>
    public const string OtpAuthUri = "otpauth_uri";

    /// <summary>Start's answer: confirm before this (ISO 8601 UTC).</summary>
    public const string ExpiresAt = "expires_at";

    /// <summary>Confirm's answer: <c>active</c>.</summary>
    public const string Status = "status";

    /// <summary>Confirm's answer: true when the new device replaced an old one.</summary>
    public const string Rotation = "rotation";
}
