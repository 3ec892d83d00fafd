using Amazon;
using Amazon.Runtime;

namespace StsFtw.Aws;

/// <summary>The settings every AWS SDK client of StsFtw gets: bounded timeouts and retries, and an optional local endpoint.</summary>
internal static class AwsClientConfiguration
{
    /// <summary>Per-attempt HTTP timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first attempt (the SDK backs off between them).</summary>
    public const int DefaultMaxErrorRetry = 2;

    /// <summary>Applies the settings to <paramref name="config"/> and returns it.</summary>
    /// <param name="config">A service's client configuration.</param>
    /// <param name="serviceUrl">A local endpoint, or null for the regional one (the SDK still honours <c>AWS_ENDPOINT_URL_*</c>).</param>
    /// <param name="region">The region; with a service URL it is only the signing region (default us-east-1).</param>
    /// <param name="timeout">Per-attempt timeout; null for <see cref="DefaultTimeout"/>.</param>
    /// <param name="maxErrorRetry">Retries after the first attempt.</param>
    public static T Apply<T>(T config, string? serviceUrl, RegionEndpoint? region, TimeSpan? timeout, int maxErrorRetry)
        where T : ClientConfig
    {
        if (maxErrorRetry < 0) throw new ArgumentOutOfRangeException(nameof(maxErrorRetry), "Retries cannot be negative.");
        config.Timeout = timeout ?? DefaultTimeout;
        config.MaxErrorRetry = maxErrorRetry;
        config.RetryMode = RequestRetryMode.Standard;
        // AWSSDK.Core 4.1 adds up to 10 immediate retries, outside MaxErrorRetry, for errors it takes for a stale pooled
        // connection (a reset, an aborted socket, a response that ended early). An attempt cut off by its own timeout
        // can surface as one, so a stalled table sometimes saw a 4th attempt. Every attempt must count against the
        // retry budget the deadline is planned on; such errors are still retried, with backoff, as transport errors.
        config.MaxStaleConnectionRetries = 0;
#if NET8_0_OR_GREATER
        config.ConnectTimeout = timeout ?? DefaultTimeout;
#endif
        if (!string.IsNullOrEmpty(serviceUrl))
        {
            if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException("The service URL must be an absolute http or https URL.", nameof(serviceUrl));
            }
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = (region ?? RegionEndpoint.USEast1).SystemName;
        }
        else if (region is not null)
        {
            config.RegionEndpoint = region;
        }
        return config;
    }
}
