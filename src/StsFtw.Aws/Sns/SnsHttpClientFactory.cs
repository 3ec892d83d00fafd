namespace StsFtw.Aws.Sns;

/// <summary>Creates the HttpClient <see cref="SnsAuditSink"/> sends with: bounded connect and overall timeouts.</summary>
public static class SnsHttpClientFactory
{
    /// <summary>Connect and overall timeout used when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Largest SNS answer read into memory; real answers are well under a kilobyte.</summary>
    public const int MaximumResponseBytes = 64 * 1024;

    /// <summary>Creates a client; the caller owns it and should keep one for the process.</summary>
    /// <param name="timeout">Connect and overall timeout; null for <see cref="DefaultTimeout"/>. The sink also bounds each attempt itself.</param>
    public static HttpClient Create(TimeSpan? timeout = null)
    {
        var bound = timeout ?? DefaultTimeout;
        if (bound <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
#if NET8_0_OR_GREATER
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = bound,
            // Pick up DNS changes of the regional endpoint in a long-lived Lambda instance.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
        };
#else
        var handler = new HttpClientHandler { AllowAutoRedirect = false };
#endif
        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = bound,
            MaxResponseContentBufferSize = MaximumResponseBytes,
        };
    }
}
