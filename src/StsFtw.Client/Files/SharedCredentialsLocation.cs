using StsFtw.Core.Hosting;

namespace StsFtw.Client.Files;

/// <summary>Where the AWS shared credentials file is: <c>AWS_SHARED_CREDENTIALS_FILE</c>, else <c>~/.aws/credentials</c>.</summary>
public static class SharedCredentialsLocation
{
    /// <summary>The variable the AWS CLI and SDKs read the file's path from.</summary>
    public const string PathVariable = "AWS_SHARED_CREDENTIALS_FILE";

    /// <summary>The path the AWS tools would read.</summary>
    public static string Resolve(IEnvironmentVariables environment)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        if (environment.Get(PathVariable) is { } configured) return ExpandHome(configured);
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "credentials");
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Substring(Math.Min(2, path.Length)))
            : path;
}
