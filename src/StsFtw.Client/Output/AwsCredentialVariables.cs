namespace StsFtw.Client.Output;

/// <summary>The environment variables AWS SDKs and the AWS CLI read credentials from.</summary>
public static class AwsCredentialVariables
{
    /// <summary>The access key id.</summary>
    public const string AccessKeyId = "AWS_ACCESS_KEY_ID";

    /// <summary>The secret access key.</summary>
    public const string SecretAccessKey = "AWS_SECRET_ACCESS_KEY";

    /// <summary>The session token.</summary>
    public const string SessionToken = "AWS_SESSION_TOKEN";

    /// <summary>When the credentials expire (ISO 8601 UTC); read by aws-vault-style tooling, ignored by the SDKs.</summary>
    public const string CredentialExpiration = "AWS_CREDENTIAL_EXPIRATION";

    /// <summary>The region the AWS SDKs and the AWS CLI v2 read.</summary>
    public const string Region = "AWS_REGION";

    /// <summary>The region the AWS CLI v1 and older SDKs read (written alongside <see cref="Region"/>).</summary>
    public const string DefaultRegion = "AWS_DEFAULT_REGION";

    /// <summary>All four credential variables, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } = new[] { AccessKeyId, SecretAccessKey, SessionToken, CredentialExpiration };

    /// <summary>The two region variables, written only when a region is given.</summary>
    public static IReadOnlyList<string> RegionVariables { get; } = new[] { Region, DefaultRegion };

    /// <summary>The variables and values for <paramref name="credentials"/>; the expiration only when known.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(BrokeredCredentials credentials) => For(credentials, null);

    /// <summary>
    /// The variables and values for <paramref name="credentials"/>, then <see cref="Region"/> and
    /// <see cref="DefaultRegion"/> when <paramref name="region"/> is given.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not a region name (<see cref="AwsRegionName.Check"/>).</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> For(BrokeredCredentials credentials, string? region)
    {
        AwsRegionName.ThrowIfInvalid(region, nameof(region));
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        var values = new List<KeyValuePair<string, string>>
        {
            new(AccessKeyId, credentials.AccessKeyId),
            new(SecretAccessKey, credentials.SecretAccessKey),
            new(SessionToken, credentials.SessionToken),
        };
        if (credentials.Expiration is { } expiration) values.Add(new(CredentialExpiration, IsoTimestamp.Format(expiration)));
        if (region is not null)
        {
            values.Add(new(Region, region));
            values.Add(new(DefaultRegion, region));
        }
        return values;
    }
}
