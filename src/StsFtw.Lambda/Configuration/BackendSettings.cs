using StsFtw.Core.Broker;
using StsFtw.Core.Protection;

namespace StsFtw.Lambda.Configuration;

/// <summary>The backend's validated configuration.</summary>
/// <param name="TableName">The auth table.</param>
/// <param name="AuditTopicArn">The audit topic.</param>
/// <param name="KmsKeyId">The key protecting TOTP secrets, or null for plaintext (STSFTW) entries only.</param>
/// <param name="Broker">Lockout, session lengths and allowed role ARNs.</param>
/// <param name="PlaintextSecrets">Whether plaintext (STSFTW) entries may authenticate when a key is configured.</param>
/// <param name="Region">The region from <c>AWS_REGION</c> (required: Lambda sets it, the local mode must).</param>
public sealed record BackendSettings(string TableName, string AuditTopicArn, string? KmsKeyId, BrokerOptions Broker,
    PlaintextSecretPolicy PlaintextSecrets, string Region);
