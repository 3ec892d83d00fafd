namespace StsFtw.PowerShell.Engine;

/// <summary>Where the auth table is and how its secrets are protected.</summary>
/// <param name="TableName">The DynamoDB auth table.</param>
/// <param name="Region">The AWS region, or null for the SDK's own resolution (<c>AWS_REGION</c>, profile, ...).</param>
/// <param name="KmsKeyId">The KMS key (id, ARN or alias) for new secrets, or null to store STSFTW's plaintext <c>url</c>.</param>
public sealed record AdminConnection(string TableName, string? Region, string? KmsKeyId);
