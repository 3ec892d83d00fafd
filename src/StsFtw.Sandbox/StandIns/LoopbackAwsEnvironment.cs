namespace StsFtw.Sandbox.StandIns;

/// <summary>
/// The environment a deployment would give the backend, pointed at the local servers: the table and topic, the key,
/// the stand-ins' credentials, and every AWS endpoint on the loopback (AWS_ENDPOINT_URL_*).
/// </summary>
public static class LoopbackAwsEnvironment
{
    /// <summary>The audit topic every test and benchmark uses.</summary>
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";

    /// <summary>The region of the table, the key, the topic and STS.</summary>
    public const string Region = "us-east-1";

    /// <summary>
    /// The backend's variables for <paramref name="tableName"/> (null leaves the table unset), with DynamoDB at
    /// <paramref name="dynamoDbUrl"/> and the key, STS and SNS at the stand-ins.
    /// </summary>
    public static Dictionary<string, string?> For(
        string? tableName, string dynamoDbUrl, KmsStandIn kms, StsStandIn sts, SnsStandIn sns, string topicArn = TopicArn) => new()
        {
            ["STS_TABLE_NAME"] = tableName,
            ["STS_SNS_ARN"] = topicArn,
            ["STS_KMS_KEY_ID"] = kms.KeyId,
            ["AWS_REGION"] = Region,
            ["AWS_ACCESS_KEY_ID"] = StandInCredentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = StandInCredentials.SecretAccessKey,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDbUrl,
            ["AWS_ENDPOINT_URL_STS"] = sts.ServiceUrl,
            ["AWS_ENDPOINT_URL_KMS"] = kms.ServiceUrl,
            ["AWS_ENDPOINT_URL_SNS"] = sns.ServiceUrl,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
}
