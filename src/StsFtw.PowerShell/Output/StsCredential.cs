namespace StsFtw.PowerShell.Output;

/// <summary>
/// Temporary AWS credentials from the StsFtw endpoint. The default views (StsFtw.Format.ps1xml) mask
/// <see cref="SecretAccessKey"/> and <see cref="SessionToken"/>, and <see cref="ToString"/> never shows them.
/// </summary>
/// <remarks>Its property names match what Set-StsEnvironment binds by property name (as do AWS.Tools' credentials).</remarks>
public sealed class StsCredential
{
    /// <summary>The temporary access key id.</summary>
    public string AccessKeyId { get; set; } = string.Empty;

    /// <summary>The temporary secret access key (a secret: masked in the default views).</summary>
    public string SecretAccessKey { get; set; } = string.Empty;

    /// <summary>The session token (a secret: masked in the default views).</summary>
    public string SessionToken { get; set; } = string.Empty;

    /// <summary>When the credentials expire (UTC); null when an older STSFTW backend did not say.</summary>
    public DateTime? Expiration { get; set; }

    /// <summary>The role that was assumed (ARN), when the backend said.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The session's assumed-role ARN, when the backend said.</summary>
    public string? AssumedRoleArn { get; set; }

    /// <summary>The issuer of the account that asked.</summary>
    public string? Issuer { get; set; }

    /// <summary>The account that asked.</summary>
    public string? AccountName { get; set; }

    /// <summary>The co-signer, when there was one.</summary>
    public string? SecondaryAccountName { get; set; }

    /// <summary>The endpoint that issued the credentials.</summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// The AWS region to use them in (-Region or $env:STS_CREDENTIAL_REGION), or null when none was named;
    /// Set-StsEnvironment binds it by property name.
    /// </summary>
    public string? Region { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"StsCredential {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ********, SessionToken = ********, Expiration = {Expiration:u} }}";
}
