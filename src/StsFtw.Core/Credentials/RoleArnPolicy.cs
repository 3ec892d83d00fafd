using System.Text.RegularExpressions;

namespace StsFtw.Core.Credentials;

/// <summary>
/// Decides whether a role given as a full ARN may be assumed. Role names always resolve into the broker's own
/// account; an ARN is allowed only when the deployment configured a pattern that matches it whole.
/// </summary>
/// <remarks>Patterns are globs: <c>*</c> matches any run of characters except nothing else; e.g.
/// <c>arn:aws:iam::123456789012:role/stsftw/*</c>.</remarks>
public sealed class RoleArnPolicy
{
    private readonly Regex? _allowed;

    /// <summary>Creates the policy; a null or empty pattern allows no ARNs at all.</summary>
    public RoleArnPolicy(string? allowedArnPattern)
    {
        if (string.IsNullOrWhiteSpace(allowedArnPattern)) return;
        var escaped = Regex.Escape(allowedArnPattern!.Trim()).Replace(@"\*", "[^\\s]*");
        _allowed = new Regex("^" + escaped + "\\z", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        Pattern = allowedArnPattern.Trim();
    }

    /// <summary>The policy that allows role names only.</summary>
    public static RoleArnPolicy NamesOnly { get; } = new(null);

    /// <summary>The configured pattern, if any.</summary>
    public string? Pattern { get; }

    /// <summary>True when <paramref name="roleArn"/> may be assumed.</summary>
    public bool Allows(string roleArn) => _allowed is not null && _allowed.IsMatch(roleArn);
}
