using System.Globalization;
using System.Text.RegularExpressions;

namespace StsFtw.Core.Validation;

/// <summary>
/// The limits every value from outside must meet before it reaches the table, STS or a log line. Each check is
/// a small predicate that returns <c>null</c> when the value is acceptable, or a human-readable reason.
/// </summary>
/// <remarks>Reasons describe the rule, never echo the value: a mistyped code or secret must not reach a log.</remarks>
public static class InputRules
{
    /// <summary>Longest issuer accepted.</summary>
    public const int MaximumIssuerLength = 128;

    /// <summary>Longest account name accepted.</summary>
    public const int MaximumAccountNameLength = 128;

    /// <summary>Longest IAM role name (IAM's own limit).</summary>
    public const int MaximumRoleNameLength = 64;

    /// <summary>Longest role ARN accepted (IAM's own limit).</summary>
    public const int MaximumRoleArnLength = 2048;

    /// <summary>Shortest STS session allowed by AssumeRole.</summary>
    public const int MinimumDurationSeconds = 900;

    /// <summary>
    /// Longest STS session the broker can mint: one hour. The broker calls AssumeRole with its own role's credentials,
    /// which is role chaining, and AWS refuses DurationSeconds above 3600 for it ("The requested DurationSeconds
    /// exceeds the 1 hour session limit for roles assumed by role chaining") whatever the role's MaxSessionDuration.
    /// </summary>
    public const int MaximumDurationSeconds = 3600;

    /// <summary>
    /// AssumeRole's own default session length, the one it gives when no DurationSeconds is sent. It is the longest a
    /// role-chained session can be, and the only length whose credentials can sign in to the AWS console (a session
    /// minted with DurationSeconds by a caller that is not an IAM user is refused by the federation endpoint).
    /// </summary>
    public const int DefaultDurationSeconds = 3600;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    // \z, not $: in .NET '$' also matches before a final newline, which would let "Developer\n" through.
    private static readonly Regex RoleName = new(
        @"^[A-Za-z0-9_+=,.@-]{1,64}\z", RegexOptions.CultureInvariant, MatchTimeout);

    // arn:partition:iam::123456789012:role/optional/path/name — IAM paths are printable ASCII between slashes.
    private static readonly Regex RoleArn = new(
        @"^arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role/(?:[\x21-\x2E\x30-\x7E]+/){0,32}[A-Za-z0-9_+=,.@-]{1,64}\z",
        RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>An issuer: 1–128 characters, printable, no ':' (it separates issuer and account in the URI label).</summary>
    public static string? CheckIssuer(string? value)
    {
        return CheckName(value, "Issuer", MaximumIssuerLength)
            ?? (value!.IndexOf(':') >= 0 ? "Issuer must not contain ':'." : null);
    }

    /// <summary>An account name: 1–128 printable characters.</summary>
    public static string? CheckAccountName(string? value, string field = "AccountName") =>
        CheckName(value, field, MaximumAccountNameLength);

    /// <summary>A TOTP code: exactly six ASCII digits.</summary>
    public static string? CheckTotpCode(string? value, string field = "TOTPCode")
    {
        if (string.IsNullOrEmpty(value)) return $"{field} is required.";
        if (value!.Length != Totp.TotpKey.Digits) return $"{field} must be exactly {Totp.TotpKey.Digits} digits.";
        foreach (var c in value)
        {
            if (c < '0' || c > '9') return $"{field} must be exactly {Totp.TotpKey.Digits} digits.";
        }
        return null;
    }

    /// <summary>An IAM role name (1–64 of <c>[A-Za-z0-9_+=,.@-]</c>) or a full IAM role ARN.</summary>
    public static string? CheckRole(string? value, string field = "Role")
    {
        if (string.IsNullOrEmpty(value)) return $"{field} is required.";
        if (IsRoleArnShaped(value!))
        {
            if (value!.Length > MaximumRoleArnLength) return $"{field} is longer than {MaximumRoleArnLength} characters.";
            return RoleArn.IsMatch(value) ? null : $"{field} is not a valid IAM role ARN (arn:aws:iam::<12-digit account>:role/<path/>name).";
        }
        if (value!.Length > MaximumRoleNameLength) return $"{field} is longer than {MaximumRoleNameLength} characters.";
        return RoleName.IsMatch(value) ? null : $"{field} may contain only letters, digits and _+=,.@- (IAM role name rules).";
    }

    /// <summary>True when the role is given as an ARN rather than a name in the broker's own account.</summary>
    public static bool IsRoleArnShaped(string role) => role.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>A session length in seconds within the range a role-chained AssumeRole accepts (900–3600) and the deployment's maximum.</summary>
    public static string? CheckDurationSeconds(int value, int deploymentMaximum = MaximumDurationSeconds, string field = "DurationSeconds")
    {
        var maximum = Math.Min(deploymentMaximum, MaximumDurationSeconds);
        return value < MinimumDurationSeconds || value > maximum
            ? string.Format(CultureInfo.InvariantCulture, "{0} must be between {1} and {2}.", field, MinimumDurationSeconds, maximum)
            : null;
    }

    /// <summary>True for characters no name may contain: control, format (zero-width, bidi), separators, surrogate halves, private use, unassigned.</summary>
    public static bool IsForbiddenCharacter(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && (index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]))) return true;
        if (char.IsLowSurrogate(c))
        {
            // The pair was judged at its high half.
            return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        }
        // The string overload reads a surrogate pair as one code point, so invisible characters outside the BMP
        // (tag characters U+E0000–U+E007F, planes 15–16 private use, unassigned) are caught too.
        switch (CharUnicodeInfo.GetUnicodeCategory(text, index))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
                return true;
            default:
                return false;
        }
    }

    private static string? CheckName(string? value, string field, int maximumLength)
    {
        if (string.IsNullOrEmpty(value)) return $"{field} is required.";
        if (value!.Length > maximumLength) return $"{field} is longer than {maximumLength} characters.";
        if (value.Trim().Length != value.Length) return $"{field} must not start or end with white space.";
        for (var i = 0; i < value.Length; i++)
        {
            if (IsForbiddenCharacter(value, i)) return $"{field} contains a control or invisible character.";
        }
        return null;
    }
}
