using StsFtw.Client.Endpoint;
using StsFtw.Core.Invitations;
using StsFtw.Core.Totp;
using StsFtw.Core.Wire;

namespace StsFtw.Client.Enrollment;

/// <summary>
/// What a 200 answer of the enrollment routes may hold: exactly the members docs/INVITATIONS.md names, for the
/// account that was asked about, or the answer is refused. A refusal names the member and the rule, never the value
/// (the otpauth URI holds the secret). SECURITY.md, "The person's side", rule A1.
/// </summary>
public static class EnrollmentAnswerRules
{
    /// <summary>Start's answer as a pending key; null and a <paramref name="refusal"/> when it is not what the backend sends.</summary>
    public static PendingEnrollment? ReadPending(IReadOnlyDictionary<string, string>? members, EnrollmentStartInput asked, DateTimeOffset now, out string refusal)
    {
        if (asked is null) throw new ArgumentNullException(nameof(asked));
        if (Exactly(members, out refusal, EnrollmentFields.Issuer, EnrollmentFields.AccountName, EnrollmentFields.OtpAuthUri, EnrollmentFields.ExpiresAt)
            && SameAccount(members!, asked.Issuer, asked.AccountName, out refusal))
        {
            if (!OtpAuthUri.TryParse(members![EnrollmentFields.OtpAuthUri], out var key, out var reason))
            {
                // The reason OtpAuthUri gives never contains the secret.
                refusal = $"{EnrollmentFields.OtpAuthUri} is not a key this client accepts: {reason}";
                return null;
            }
            if (!string.Equals(key!.Issuer, asked.Issuer, StringComparison.Ordinal) || !string.Equals(key.AccountName, asked.AccountName, StringComparison.Ordinal))
            {
                refusal = $"{EnrollmentFields.OtpAuthUri} is a key for another issuer or account than the one asked for.";
                return null;
            }
            var expiresAt = CredentialAnswerRules.ReadExpiration(members[EnrollmentFields.ExpiresAt]);
            if (expiresAt is null || expiresAt <= now - CredentialAnswerRules.ClockSkew || expiresAt > now + InvitationExpiry.Maximum + CredentialAnswerRules.ClockSkew)
            {
                refusal = $"{EnrollmentFields.ExpiresAt} is not an ISO 8601 UTC time within the next {InvitationExpiry.Maximum.TotalDays} days (or this machine's clock is off).";
                return null;
            }
            refusal = string.Empty;
            return new PendingEnrollment(asked.Issuer, asked.AccountName, key, expiresAt.Value);
        }
        return null;
    }

    /// <summary>Confirm's answer; null and a <paramref name="refusal"/> when it is not what the backend sends.</summary>
    public static EnrollmentConfirmation? ReadConfirmation(IReadOnlyDictionary<string, string>? members, EnrollmentConfirmInput asked, out string refusal)
    {
        if (asked is null) throw new ArgumentNullException(nameof(asked));
        if (!Exactly(members, out refusal, EnrollmentFields.Issuer, EnrollmentFields.AccountName, EnrollmentFields.Status, EnrollmentFields.Rotation)
            || !SameAccount(members!, asked.Issuer, asked.AccountName, out refusal))
        {
            return null;
        }
        if (!string.Equals(members![EnrollmentFields.Status], "active", StringComparison.Ordinal))
        {
            refusal = $"{EnrollmentFields.Status} is not \"active\".";
            return null;
        }
        var rotation = members[EnrollmentFields.Rotation];
        if (rotation is not ("true" or "false"))
        {
            refusal = $"{EnrollmentFields.Rotation} is not true or false.";
            return null;
        }
        refusal = string.Empty;
        return new EnrollmentConfirmation(asked.Issuer, asked.AccountName, rotation == "true");
    }

    private static bool Exactly(IReadOnlyDictionary<string, string>? members, out string refusal, params string[] names)
    {
        if (members is null)
        {
            refusal = "The answer is not a JSON object of strings.";
            return false;
        }
        foreach (var name in names)
        {
            if (!members.ContainsKey(name))
            {
                refusal = $"The answer has no {name}.";
                return false;
            }
        }
        if (members.Count != names.Length)
        {
            refusal = "The answer has members the protocol does not define.";
            return false;
        }
        refusal = string.Empty;
        return true;
    }

    private static bool SameAccount(IReadOnlyDictionary<string, string> members, string issuer, string accountName, out string refusal)
    {
        var same = string.Equals(members[EnrollmentFields.Issuer], issuer, StringComparison.Ordinal)
            && string.Equals(members[EnrollmentFields.AccountName], accountName, StringComparison.Ordinal);
        refusal = same ? string.Empty : "The answer is about another issuer or account than the one asked for.";
        return same;
    }
}
