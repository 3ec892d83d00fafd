using StsFtw.Core.Validation;

namespace StsFtw.Core.Enrollment;

/// <summary>
/// What an enrollment may grant, checked the same way by every admin front door (the module's cmdlets and
/// <c>stsftw enroll</c>): each role a valid IAM role name or ARN, each co-signer a valid account name other than the
/// account itself (SECURITY.md rule 4: nobody co-signs their own request).
/// </summary>
public static class EnrollmentAccessRules
{
    /// <summary>The first problem with <paramref name="roles"/> or <paramref name="secondaries"/>, named after the given fields; null when there is none.</summary>
    public static string? Check(
        string accountName, IEnumerable<string> roles, IEnumerable<string> secondaries, string rolesField, string secondariesField)
    {
        if (roles is null) throw new ArgumentNullException(nameof(roles));
        if (secondaries is null) throw new ArgumentNullException(nameof(secondaries));
        foreach (var role in roles)
        {
            if (InputRules.CheckRole(role, rolesField) is { } problem) return $"{problem} ('{role}')";
        }
        foreach (var secondary in secondaries)
        {
            if (InputRules.CheckAccountName(secondary, secondariesField) is { } problem) return problem;
            if (string.Equals(secondary, accountName, StringComparison.Ordinal))
            {
                return $"{secondariesField} must not name the account itself: a person cannot co-sign their own request.";
            }
        }
        return null;
    }
}
