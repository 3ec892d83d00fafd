using StsFtw.Core.Hosting;

namespace StsFtw.Client.Files;

/// <summary>Where the AWS config file is: <c>AWS_CONFIG_FILE</c>, else <c>~/.aws/config</c> (<c>%USERPROFILE%\.aws\config</c> on Windows).</summary>
public static class AwsConfigLocation
{
    /// <summary>The variable the AWS CLI and SDKs read the file's path from.</summary>
    public const string PathVariable = "AWS_CONFIG_FILE";

    /// <summary>The path the AWS tools would read.</summary>
    public static string Resolve(IEnvironmentVariables environment)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (environment.Get(PathVariable) is { } configured)
        {
            return configured == "~" || configured.StartsWith("~/", StringComparison.Ordinal) || configured.StartsWith("~\\", StringComparison.Ordinal)
                ? Path.Combine(home, configured.Substring(Math.Min(2, configured.Length)))
                : configured;
        }
        return Path.Combine(home, ".aws", "config");
    }
}
