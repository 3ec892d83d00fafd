using StsFtw.Client.Output;

namespace StsFtw.Client.Exec;

/// <summary>
/// The environment a command runs with credentials in (<c>Invoke-StsCommand</c>, the native client's <c>exec</c>): the
/// variables to set and the ones to remove, computed once from the credential object.
/// </summary>
/// <remarks>
/// <para>
/// Set: <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>, <c>AWS_CREDENTIAL_EXPIRATION</c>
/// when the expiration is known, and <c>AWS_REGION</c> and <c>AWS_DEFAULT_REGION</c> when a region is given.
/// </para>
/// <para>
/// Removed: <c>AWS_CREDENTIAL_EXPIRATION</c> when the expiration is unknown (a stale one must not describe these
/// credentials), and <c>AWS_PROFILE</c>, <c>AWS_DEFAULT_PROFILE</c> and <c>AWS_SECURITY_TOKEN</c>, as aws-vault's exec
/// does: some SDKs (JavaScript v3 among them) prefer a named profile to the key variables, and the old boto token
/// variable could pair another session's token with these keys. Nothing else is touched.
/// </para>
/// </remarks>
public static class CommandEnvironment
{
    /// <summary>The region variable the AWS CLI v2 and the SDKs read.</summary>
    public const string Region = "AWS_REGION";

    /// <summary>The region variable the AWS CLI v1 and older SDKs read.</summary>
    public const string DefaultRegion = "AWS_DEFAULT_REGION";

    /// <summary>The variables removed so that only these credentials can be picked up.</summary>
    public static IReadOnlyList<string> Removed { get; } = new[] { "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SECURITY_TOKEN" };

    /// <summary>Every variable <see cref="For"/> may change, whether it changes it this time or not.</summary>
    public static IReadOnlyList<string> All { get; } = AwsCredentialVariables.All.Concat(new[] { Region, DefaultRegion }).Concat(Removed).ToArray();

    /// <summary>The longest region name accepted.</summary>
    public const int MaximumRegionLength = 32;

    /// <summary>
    /// Each variable to change, in a fixed order: a value to set, or null to remove it.
    /// </summary>
    /// <exception cref="ArgumentException">A credential value holds a NUL or line break, or the region is malformed.</exception>
    public static IReadOnlyList<KeyValuePair<string, string?>> For(BrokeredCredentials credentials, string? region)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        if (region is not null && CheckRegion(region) is { } reason) throw new ArgumentException(reason, nameof(region));
        var values = AwsCredentialVariables.For(credentials);
        var changes = new List<KeyValuePair<string, string?>>();
        foreach (var name in AwsCredentialVariables.All)
        {
            var value = values.FirstOrDefault(pair => pair.Key == name).Value;
            if (value is not null && (value.Length == 0 || value.IndexOfAny(new[] { '\0', '\r', '\n' }) >= 0))
            {
                throw new ArgumentException($"The credential value for {name} is empty or holds a NUL or line break.", nameof(credentials));
            }
            changes.Add(new(name, value));
        }
        if (region is not null)
        {
            changes.Add(new(Region, region));
            changes.Add(new(DefaultRegion, region));
        }
        foreach (var name in Removed) changes.Add(new(name, null));
        return changes;
    }

    /// <summary>
    /// Null when <paramref name="region"/> looks like an AWS region name (<c>eu-west-1</c>: lower-case ASCII letters,
    /// digits and '-', at most 32 characters, beginning with a letter), else why not. The message never echoes the value.
    /// </summary>
    public static string? CheckRegion(string? region)
    {
        if (string.IsNullOrEmpty(region)) return "The region is required.";
        if (region!.Length > MaximumRegionLength) return $"The region is longer than {MaximumRegionLength} characters.";
        if (region[0] < 'a' || region[0] > 'z') return "The region must begin with a lower-case letter.";
        foreach (var c in region)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return "The region may contain only lower-case letters, digits and '-' (for example eu-west-1).";
        }
        return null;
    }
}
