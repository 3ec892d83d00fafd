// The folder is Console/, the namespace ConsoleSignIn: a StsFtw.Client.Console namespace would hide System.Console
// from all code under StsFtw.Client.
namespace StsFtw.Client.ConsoleSignIn;

/// <summary>
/// An AWS partition's sign-in and console hosts: <c>aws</c> (signin.aws.amazon.com, console.aws.amazon.com),
/// <c>aws-us-gov</c> (signin.amazonaws-us-gov.com, console.amazonaws-us-gov.com) and <c>aws-cn</c>
/// (signin.amazonaws.cn, console.amazonaws.cn).
/// </summary>
public sealed class AwsPartition
{
    /// <summary>The commercial partition.</summary>
    public static readonly AwsPartition Aws = new("aws", "signin.aws.amazon.com", "console.aws.amazon.com");

    /// <summary>AWS GovCloud (US).</summary>
    public static readonly AwsPartition GovCloud = new("aws-us-gov", "signin.amazonaws-us-gov.com", "console.amazonaws-us-gov.com");

    /// <summary>AWS China.</summary>
    public static readonly AwsPartition China = new("aws-cn", "signin.amazonaws.cn", "console.amazonaws.cn");

    private AwsPartition(string name, string signInHost, string consoleHost)
    {
        Name = name;
        SignInHost = signInHost;
        ConsoleHost = consoleHost;
    }

    /// <summary>The partition's name as ARNs spell it.</summary>
    public string Name { get; }

    /// <summary>The host of the federation endpoint.</summary>
    public string SignInHost { get; }

    /// <summary>The host of the console.</summary>
    public string ConsoleHost { get; }

    /// <summary>The federation endpoint, <c>https://&lt;sign-in host&gt;/federation</c>.</summary>
    public Uri FederationEndpoint => new("https://" + SignInHost + "/federation");

    /// <summary>The partition named <paramref name="name"/> (<c>aws</c>, <c>aws-us-gov</c>, <c>aws-cn</c>), or null.</summary>
    public static AwsPartition? Named(string? name) => name switch
    {
        "aws" => Aws,
        "aws-us-gov" => GovCloud,
        "aws-cn" => China,
        _ => null,
    };

    /// <summary>The partition of a region: <c>us-gov-*</c> GovCloud, <c>cn-*</c> China, any other (or none) the commercial one.</summary>
    public static AwsPartition ForRegion(string? region)
    {
        if (region is null) return Aws;
        if (region.StartsWith("us-gov-", StringComparison.Ordinal)) return GovCloud;
        if (region.StartsWith("cn-", StringComparison.Ordinal)) return China;
        return Aws;
    }

    /// <summary>The partition an ARN names (<c>arn:&lt;partition&gt;:…</c>), or null when it names none this knows.</summary>
    public static AwsPartition? OfArn(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal)) return null;
        var end = arn.IndexOf(':', 4);
        return end > 4 ? Named(arn.Substring(4, end - 4)) : null;
    }

    /// <summary>The console's home page, for <paramref name="region"/> when one is given.</summary>
    public Uri ConsoleHome(string? region) =>
        new("https://" + ConsoleHost + "/console/home" + (region is null ? string.Empty : "?region=" + Uri.EscapeDataString(region)));

    /// <inheritdoc />
    public override string ToString() => Name;
}
