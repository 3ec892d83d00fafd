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

    /// <summary>All four, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } = new[] { AccessKeyId, SecretAccessKey, SessionToken, CredentialExpiration };

    /// <summary>The variables and values for <paramref name="credentials"/>; the expiration only when known.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(BrokeredCredentials credentials)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        var values = new List<KeyValuePair<string, string>>
        {
            new(AccessKeyId, credentials.AccessKeyId),
            new(SecretAccessKey, credentials.SecretAccessKey),
            new(SessionToken, credentials.SessionToken),
        };
        if (credentials.Expiration is { } expiration) values.Add(new(CredentialExpiration, IsoTimestamp.Format(expiration)));
        return values;
    }
}
