using StsFtw.Client.Files;

namespace StsFtw.Cli.Tests.Support;

/// <summary>A profile's credential_process line, read from the config file and run the way the AWS CLI runs it.</summary>
public static class ProfileLine
{
    // botocore: shlex.split(credential_process), then the words run without a shell, stdout captured.
    private const string Botocore = "import shlex, subprocess, sys; sys.exit(subprocess.call(shlex.split(sys.argv[1])))";

    public static string Read(string configFile, string profile) =>
        AwsConfigFile.Read(File.ReadAllText(configFile), profile, "credential_process") ?? throw new InvalidOperationException($"No credential_process in {profile}.");

    public static Task<CliRun> RunAsync(string line, IReadOnlyDictionary<string, string> environment) =>
        CliRun.StartAsync("python3", ["-c", Botocore, line], environment);
}
