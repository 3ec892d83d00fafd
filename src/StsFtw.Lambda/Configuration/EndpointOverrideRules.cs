using System.Net;
using StsFtw.Core.Hosting;

namespace StsFtw.Lambda.Configuration;

/// <summary>
/// In Lambda mode (<see cref="SettingNames.RuntimeApi"/> set) the AWS SDKs' endpoint overrides may name only a
/// loopback host: a server elsewhere could "confirm" any code and any audit message (SECURITY.md, "Someone who can
/// change the function's configuration"). The local mode keeps accepting any endpoint.
/// </summary>
public static class EndpointOverrideRules
{
    /// <summary>The overrides the backend's clients honour: the global one and one per service it calls.</summary>
    public static IReadOnlyList<string> Variables { get; } =
    [
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_DYNAMODB",
        "AWS_ENDPOINT_URL_KMS",
        "AWS_ENDPOINT_URL_STS",
        "AWS_ENDPOINT_URL_SNS",
    ];

    /// <summary>One problem per override that Lambda mode refuses; none in the local mode.</summary>
    public static IEnumerable<string> Problems(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrWhiteSpace(environment.Get(SettingNames.RuntimeApi))) yield break;
        foreach (var name in Variables)
        {
            var value = environment.Get(name);
            if (!string.IsNullOrWhiteSpace(value) && !IsLoopback(value.Trim()))
            {
                yield return $"{name} must name a loopback host (127.0.0.0/8, ::1 or localhost) in AWS Lambda: unset it to use AWS's own endpoints.";
            }
        }
    }

    /// <summary>True for an absolute http(s) URL whose host is <c>localhost</c>, 127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return false;
        if (uri.UserInfo.Length > 0) return false;
        if (uri.HostNameType == UriHostNameType.Dns) return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
