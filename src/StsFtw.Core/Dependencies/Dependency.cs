namespace StsFtw.Core.Dependencies;

/// <summary>The outside services the broker depends on.</summary>
public enum Dependency
{
    /// <summary>The DynamoDB auth table.</summary>
    AuthTable,

    /// <summary>The KMS key that protects TOTP secrets.</summary>
    SecretKey,

    /// <summary>AWS STS, which mints the credentials.</summary>
    SecurityTokenService,

    /// <summary>The SNS audit topic.</summary>
    AuditTopic,
}
