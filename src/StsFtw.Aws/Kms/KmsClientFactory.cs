using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;

namespace StsFtw.Aws.Kms;

/// <summary>
/// Creates the KMS client with bounded timeouts and retries, so a stalled KMS fails a request within
/// seconds instead of holding it until the caller's own limit.
/// </summary>
public static class KmsClientFactory
{
    /// <summary>Per-attempt HTTP timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = AwsClientConfiguration.DefaultTimeout;

    /// <summary>Retries after the first attempt (the SDK backs off between them).</summary>
    public const int DefaultMaxErrorRetry = AwsClientConfiguration.DefaultMaxErrorRetry;

    /// <summary>Creates a client.</summary>
    /// <param name="serviceUrl">
    /// An endpoint such as <c>http://127.0.0.1:4567</c> for a local server; null for the regional endpoint (the SDK
    /// still honours <c>AWS_ENDPOINT_URL_KMS</c> and <c>AWS_ENDPOINT_URL</c>).
    /// </param>
    /// <param name="region">
    /// The region; null for the SDK's own resolution (<c>AWS_REGION</c>, profile, instance metadata), or us-east-1
    /// for signing when <paramref name="serviceUrl"/> is given.
    /// </param>
    /// <param name="credentials">Credentials; null for the SDK's default chain.</param>
    /// <param name="timeout">Per-attempt timeout; null for <see cref="DefaultTimeout"/>.</param>
    /// <param name="maxErrorRetry">Retries after the first attempt.</param>
    /// <remarks>The caller owns the client and disposes it.</remarks>
    public static AmazonKeyManagementServiceClient Create(
        string? serviceUrl = null,
        RegionEndpoint? region = null,
        AWSCredentials? credentials = null,
        TimeSpan? timeout = null,
        int maxErrorRetry = DefaultMaxErrorRetry)
    {
        var config = AwsClientConfiguration.Apply(new AmazonKeyManagementServiceConfig(), serviceUrl, region, timeout, maxErrorRetry);
        return credentials is null ? new AmazonKeyManagementServiceClient(config) : new AmazonKeyManagementServiceClient(credentials, config);
    }
}
