using Amazon.Runtime;

namespace StsFtw.Aws.Sns;

/// <summary>Where and how <see cref="SnsAuditSink"/> publishes.</summary>
public sealed class SnsAuditSinkOptions
{
    /// <summary>Per-attempt timeout used when none is set.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first attempt used when none is set.</summary>
    public const int DefaultMaxRetries = 2;

    /// <summary>Creates options for a topic.</summary>
    /// <param name="topicArn">The audit topic, <c>arn:{partition}:sns:{region}:{account}:{name}</c>.</param>
    public SnsAuditSinkOptions(string topicArn)
    {
        if (!TryParseTopicRegion(topicArn, out var region))
        {
            throw new ArgumentException("The audit topic must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>).", nameof(topicArn));
        }
        TopicArn = topicArn;
        TopicRegion = region;
    }

    /// <summary>The audit topic.</summary>
    public string TopicArn { get; }

    /// <summary>The region in the topic ARN.</summary>
    public string TopicRegion { get; }

    /// <summary>The signing region and regional endpoint; null for the topic's own region.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// An endpoint such as <c>http://127.0.0.1:4566/</c>; null for <c>https://sns.{region}.amazonaws.com/</c>. The
    /// composition root should set it from <c>AWS_ENDPOINT_URL_SNS</c>, else <c>AWS_ENDPOINT_URL</c>, as the AWS SDKs do
    /// (see <see cref="SnsEndpoint.FromEnvironment"/>).
    /// </summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Credentials to sign with; null for the SDK's default resolution (environment, profile, container, instance).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Bound on one attempt (sending, waiting and reading the answer).</summary>
    public TimeSpan AttemptTimeout { get; init; } = DefaultAttemptTimeout;

    /// <summary>Retries after the first attempt, only for throttling, 5xx, transport failures and timeouts.</summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>First backoff delay; each retry doubles it, with jitter.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The region requests are signed for.</summary>
    public string SigningRegion => string.IsNullOrEmpty(Region) ? TopicRegion : Region!;

    /// <summary>The endpoint requests are sent to.</summary>
    public Uri Endpoint => ServiceUrl ?? SnsEndpoint.Default(SigningRegion);

    private static bool TryParseTopicRegion(string? topicArn, out string region)
    {
        region = string.Empty;
        if (string.IsNullOrEmpty(topicArn)) return false;
        var parts = topicArn!.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "sns") return false;
        if (parts[1].Length == 0 || parts[3].Length == 0 || parts[4].Length == 0 || parts[5].Length == 0) return false;
        region = parts[3];
        return true;
    }
}
