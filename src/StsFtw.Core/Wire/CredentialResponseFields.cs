namespace StsFtw.Core.Wire;

/// <summary>
/// Field names of a 200 response body. The first three are STSFTW's <c>STSCredentials</c>, so its client keeps
/// working; the rest are StsFtw additions.
/// </summary>
public static class CredentialResponseFields
{
    /// <summary>The temporary access key id.</summary>
    public const string AccessKeyId = "AccessKeyId";

    /// <summary>The temporary secret access key.</summary>
    public const string SecretAccessKey = "SecretAccessKey";

    /// <summary>The session token.</summary>
    public const string SessionToken = "SessionToken";

    /// <summary>When the credentials expire: ISO 8601 UTC, for example <c>2026-11-23T10:00:00Z</c>.</summary>
    public const string Expiration = "Expiration";

    /// <summary>The ARN of the role that was assumed.</summary>
    public const string RoleArn = "RoleArn";

    /// <summary>The assumed-role ARN of the session (<c>arn:aws:sts::…:assumed-role/Role/issuer@account</c>, see <see cref="Credentials.StsSessionNaming"/>).</summary>
    public const string AssumedRoleArn = "AssumedRoleArn";

    /// <summary>The issuer the request named.</summary>
    public const string Issuer = "Issuer";

    /// <summary>The account that asked.</summary>
    public const string AccountName = "AccountName";

    /// <summary>The co-signer, or JSON null.</summary>
    public const string SecondaryAccountName = "SecondaryAccountName";
}
