using System.Text.RegularExpressions;
using StsFtw.Core.Validation;

namespace StsFtw.Core.Credentials;

/// <summary>
/// Decides whether a role may be assumed, by the ARN it resolves to (SECURITY.md rule 5): a role name resolves into
/// the broker's own account (<see cref="ResolveName"/>) and is then checked like any ARN. Without a pattern only
/// role names are allowed; with one, names and ARNs alike must match it.
/// </summary>
/// <remarks>
/// A pattern is an exact role ARN, or a literal ARN prefix ending in <c>*</c>, the only wildcard, as the last
/// character: <c>arn:aws:iam::123456789012:role/stsftw/*</c> (a path) or <c>…:role/stsftw-*</c> (a name prefix).
/// <c>role/*</c> (every role of the account), <c>?</c>, and <c>*</c> anywhere else (partition, account, the middle of a
/// path), are refused by
/// <see cref="Check"/>, because IAM and this check would read them differently or they reach further than meant.
/// </remarks>
public sealed class RoleArnPolicy
{
    /// <summary>The only wildcard, allowed once as a pattern's last character.</summary>
    public const char Wildcard = '*';

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    // arn:partition:iam::account:role/ then an optional literal path and name prefix, then an optional final '*'.
    private static readonly Regex PatternShape = new(
        @"^arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role/[\x21-\x29\x2B-\x3E\x40-\x7E]*\*?\z", RegexOptions.CultureInvariant, MatchTimeout);

    private readonly string? _literal;
    private readonly bool _isPrefix;

    /// <summary>Creates the policy; a null or empty pattern allows role names only.</summary>
    /// <exception cref="ArgumentException">The pattern breaks the rules of <see cref="Check"/>.</exception>
    public RoleArnPolicy(string? allowedArnPattern)
    {
        if (string.IsNullOrWhiteSpace(allowedArnPattern)) return;
        var pattern = allowedArnPattern!.Trim();
        if (Check(pattern) is { } problem) throw new ArgumentException(problem, nameof(allowedArnPattern));
        Pattern = pattern;
        _isPrefix = pattern[pattern.Length - 1] == Wildcard;
        _literal = _isPrefix ? pattern.Substring(0, pattern.Length - 1) : pattern;
    }

    /// <summary>The policy that allows role names (in the broker's own account) only.</summary>
    public static RoleArnPolicy NamesOnly { get; } = new(null);

    /// <summary>The configured pattern, if any.</summary>
    public string? Pattern { get; }

    /// <summary>Why <paramref name="pattern"/> cannot be a role ARN pattern, or null when it can.</summary>
    public static string? Check(string pattern)
    {
        if (pattern is null) throw new ArgumentNullException(nameof(pattern));
        if (pattern.Length > InputRules.MaximumRoleArnLength) return $"is longer than {InputRules.MaximumRoleArnLength} characters.";
        if (pattern.IndexOf('?') >= 0) return "may not contain '?': only a final '*' is allowed.";
        var star = pattern.IndexOf(Wildcard);
        if (star >= 0 && star != pattern.Length - 1)
        {
            return "may contain '*' only as its last character, after a literal partition, account and role path or name prefix (for example arn:aws:iam::123456789012:role/stsftw/*).";
        }
        if (!PatternShape.IsMatch(pattern))
        {
            return "must be a role ARN or an ARN prefix ending in '*' (arn:<partition>:iam::<12-digit account>:role/<path/><name or prefix>), for example arn:aws:iam::123456789012:role/stsftw/*.";
        }
        if (star < 0 && InputRules.CheckRole(pattern) is not null) return "is not a valid IAM role ARN.";
        if (star >= 0 && pattern.EndsWith(":role/" + Wildcard, StringComparison.Ordinal))
        {
            return "may not allow every role of the account (role/*): name a path (role/stsftw/*) or a name prefix (role/stsftw-*).";
        }
        return null;
    }

    /// <summary>The ARN a role name stands for: <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/&lt;name&gt;</c>; an ARN is returned as it is.</summary>
    /// <param name="role">A role name or ARN, already checked by <see cref="InputRules"/>.</param>
    /// <param name="partition">The broker's partition, e.g. <c>aws</c>.</param>
    /// <param name="accountId">The broker's own account.</param>
    public static string ResolveName(string role, string partition, string accountId)
    {
        if (role is null) throw new ArgumentNullException(nameof(role));
        return InputRules.IsRoleArnShaped(role) ? role : $"arn:{partition}:iam::{accountId}:role/{role}";
    }

    /// <summary>
    /// True when <paramref name="role"/>, which resolves to <paramref name="resolvedArn"/>, may be assumed: a name
    /// without a pattern, or any role whose resolved ARN matches the pattern.
    /// </summary>
    public bool Permits(string role, string resolvedArn)
    {
        if (role is null) throw new ArgumentNullException(nameof(role));
        return _literal is null ? !InputRules.IsRoleArnShaped(role) : Allows(resolvedArn);
    }

    /// <summary>True when <paramref name="roleArn"/> is a valid role ARN the pattern matches whole; false without a pattern.</summary>
    public bool Allows(string roleArn)
    {
        if (_literal is null || roleArn is null || !InputRules.IsRoleArnShaped(roleArn) || InputRules.CheckRole(roleArn) is not null) return false;
        return _isPrefix
            ? roleArn.Length > _literal.Length && roleArn.StartsWith(_literal, StringComparison.Ordinal)
            : string.Equals(roleArn, _literal, StringComparison.Ordinal);
    }
}
