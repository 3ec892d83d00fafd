using StsFtw.Testing.Fixtures;

namespace StsFtw.Testing.StandIns;

/// <summary>
/// The environment a deployment would give the backend, pointed at the local servers: the table and topic, the key,
/// the stand-ins' credentials, and every AWS endpoint on the loopback (AWS_ENDPOINT_URL_*).
/// </summary>
public static class LoopbackAwsEnvironment
{
    /// <summary>The audit topic every test and benchmark uses.</summary>
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";

    /// <summary>The backend's variables for <paramref name="tableName"/> (null leaves the table unset).</summary>
    public static Dictionary<string, string?> For(
        string? tableName, DynaliteFixture dynalite, KmsStandIn kms, StsStandIn sts, SnsStandIn sns, string topicArn = TopicArn) => new()
        {
            ["STS_TABLE_NAME"] = tableName,
            ["STS_SNS_ARN"] = topicArn,
            ["STS_KMS_KEY_ID"] = kms.KeyId,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = StandInCredentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = StandInCredentials.SecretAccessKey,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.ServiceUrl,
            ["AWS_ENDPOINT_URL_STS"] = sts.ServiceUrl,
            ["AWS_ENDPOINT_URL_KMS"] = kms.ServiceUrl,
            ["AWS_ENDPOINT_URL_SNS"] = sns.ServiceUrl,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
}
