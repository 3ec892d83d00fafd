using StsFtw.Sandbox.StandIns;

namespace StsFtw.Sandbox.Output;

/// <summary>
/// The variables a person sets to use the module against the sandbox: the module's own STS_* settings (the names
/// <c>src/StsFtw.PowerShell/Settings/StsVariables.cs</c> reads, Get-StsConsoleUrl's federation endpoint among them), the AWS SDK's endpoint overrides for the admin
/// cmdlets, and the fake keys they sign with.
/// </summary>
public static class PersonEnvironment
{
    /// <summary>
    /// Variables to remove: a session token left from real credentials would otherwise be sent, beside the fake keys,
    /// to the local servers.
    /// </summary>
    public static IReadOnlyList<string> Removed { get; } = ["AWS_SESSION_TOKEN"];

    /// <summary>The variables, in the order they are printed.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(SandboxHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return
        [
            new("STS_ENDPOINT", host.Endpoint.ToString()),
            new("STS_ISSUER", SandboxHost.Issuer),
            new("STS_TABLE_NAME", SandboxHost.TableName),
            new("STS_KMS_KEY_ID", SandboxHost.KeyAlias),
            new("STS_REGION", LoopbackAwsEnvironment.Region),
            new("STS_FEDERATION_ENDPOINT", host.FederationUrl),
            new("AWS_ENDPOINT_URL_DYNAMODB", host.DynamoDbUrl),
            new("AWS_ENDPOINT_URL_KMS", host.KmsUrl),
            new("AWS_ACCESS_KEY_ID", StandInCredentials.AccessKeyId),
            new("AWS_SECRET_ACCESS_KEY", StandInCredentials.SecretAccessKey),
        ];
    }
}
