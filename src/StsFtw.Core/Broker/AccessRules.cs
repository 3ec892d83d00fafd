using StsFtw.Core.Accounts;
using StsFtw.Core.Credentials;
using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Broker;

/// <summary>
/// The broker's pure decisions after authentication (SECURITY.md rules 4 and 5): may this co-signer approve, may
/// this role be assumed. Each returns the refusal, or null when the request may go on.
/// </summary>
internal static class AccessRules
{
    /// <summary>Rule 4: a co-signer is named, is not the primary, and is on the primary's list.</summary>
    public static RequestRefusal? SecondaryRefusal(AuthEntry primaryEntry, AccountKey? secondary)
    {
        if (secondary is null)
        {
            return Forbidden(RefusalReason.SecondaryRequired,
                "This account needs a second person's approval: send SecondaryAccountName and SecondaryTOTPCode.");
        }
        if (string.Equals(secondary.AccountName, primaryEntry.Account.AccountName, StringComparison.Ordinal))
        {
            return Forbidden(RefusalReason.SecondaryNotPermitted, "The secondary authorizer must be a different person.");
        }
        if (!primaryEntry.SecondaryAuthorizers.Contains(secondary.AccountName, StringComparer.Ordinal))
        {
            return Forbidden(RefusalReason.SecondaryNotPermitted, "The named secondary authorizer may not approve requests for this account.");
        }
        return null;
    }

    /// <summary>Rule 5, first half: the role is in the primary's entry.</summary>
    public static RequestRefusal? RoleRefusal(AuthEntry primaryEntry, string role)
    {
        if (!primaryEntry.Roles.Contains(role, StringComparer.Ordinal))
        {
            return Forbidden(RefusalReason.RoleNotPermitted, "This account may not assume the requested role.");
        }
        return null;
    }

    /// <summary>
    /// Rule 5, second half: the ARN the role resolves to (a name into the broker's own account) is allowed by the
    /// deployment, so a bare name is checked against <c>STS_ALLOWED_ROLE_ARNS</c> like an ARN (SECURITY.md).
    /// </summary>
    public static RequestRefusal? RoleArnRefusal(string role, string resolvedArn, RoleArnPolicy roleArns)
    {
        if (!roleArns.Permits(role, resolvedArn))
        {
            return Forbidden(RefusalReason.RoleNotPermitted, "This deployment does not allow assuming that role.");
        }
        return null;
    }

    /// <summary>How an authentication failure reads in the operators' audit message (never sent to the client).</summary>
    public static string Describe(Party party, AuthenticationFailure failure)
    {
        var who = party == Party.Primary ? "primary" : "secondary authorizer";
        return failure switch
        {
            AuthenticationFailure.UnknownAccount => $"unknown account ({who})",
            AuthenticationFailure.WrongCode => $"wrong code ({who})",
            AuthenticationFailure.UnusableSecret => $"the entry has no usable secret ({who})",
            AuthenticationFailure.ReplayedCode => $"code already used ({who})",
            _ => $"authentication failed ({who})",
        };
    }

    private static RequestRefusal Forbidden(RefusalReason reason, string message) => new(reason, message, Array.Empty<string>());
}
