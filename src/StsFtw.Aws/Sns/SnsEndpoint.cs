namespace StsFtw.Aws.Sns;

/// <summary>Where SNS answers: the regional endpoint, or a local server named by the standard environment variables.</summary>
public static class SnsEndpoint
{
    /// <summary>The service-specific override the AWS SDKs honour.</summary>
    public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_SNS";

    /// <summary>The global override the AWS SDKs honour when no service-specific one is set.</summary>
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";

    /// <summary>The regional endpoint, <c>https://sns.{region}.amazonaws.com/</c> (<c>.amazonaws.com.cn</c> in China).</summary>
    public static Uri Default(string region)
    {
        if (string.IsNullOrEmpty(region)) throw new ArgumentException("A region is required.", nameof(region));
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://sns.{region}.{suffix}/");
    }

    /// <summary>
    /// The endpoint named by <c>AWS_ENDPOINT_URL_SNS</c>, else <c>AWS_ENDPOINT_URL</c>, else null (use
    /// <see cref="Default"/>). A value that is not an absolute http(s) URL is ignored.
    /// </summary>
    /// <param name="getEnvironmentVariable">Reads one variable (a seam, so tests never touch the process environment).</param>
    public static Uri? FromEnvironment(Func<string, string?> getEnvironmentVariable)
    {
        if (getEnvironmentVariable is null) throw new ArgumentNullException(nameof(getEnvironmentVariable));
        return Parse(getEnvironmentVariable(ServiceEndpointVariable)) ?? Parse(getEnvironmentVariable(GlobalEndpointVariable));
    }

    private static Uri? Parse(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && Uri.TryCreate(value!.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
}
