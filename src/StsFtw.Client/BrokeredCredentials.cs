namespace StsFtw.Client;

/// <summary>
/// Temporary AWS credentials as the credential endpoint returned them. Only the first three are guaranteed: an
/// STSFTW backend sends no <see cref="Expiration"/> and none of the descriptive fields.
/// </summary>
/// <remarks><see cref="ToString"/> hides the secret key and the session token.</remarks>
public sealed record BrokeredCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken)
{
    /// <summary>When the credentials expire (UTC), or null when the backend did not say.</summary>
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>The ARN of the role that was assumed, when the backend said.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The assumed-role ARN of the session, when the backend said.</summary>
    public string? AssumedRoleArn { get; init; }

    /// <summary>The issuer, when the backend said.</summary>
    public string? Issuer { get; init; }

    /// <summary>The account that asked, when the backend said.</summary>
    public string? AccountName { get; init; }

    /// <summary>The co-signer, when there was one and the backend said.</summary>
    public string? SecondaryAccountName { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"BrokeredCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = [redacted], SessionToken = [redacted], Expiration = {Expiration:O} }}";
}
