using System.Text;
using StsFtw.Cli.Arguments;
using StsFtw.Client.Files;
using StsFtw.Client.Profiles;
using StsFtw.Core.Hosting;

namespace StsFtw.Cli.Commands;

/// <summary>
/// <c>stsftw profile register NAME [flags]</c> and <c>stsftw profile unregister NAME</c>: the AWS profile
/// Register-StsProfile writes, through the same library (<see cref="CredentialProcessCommand"/>,
/// <see cref="AwsConfigFile"/>, <see cref="ConfigFileContent"/>), except that its <c>credential_process</c> runs this
/// binary (by its absolute path) instead of pwsh.
/// </summary>
internal static class ProfileCommand
{
    public static async Task<int> RunAsync(string[] args, IEnvironmentVariables environment, TextWriter output, string executablePath)
    {
        switch (args.FirstOrDefault())
        {
            case "register":
                return await RegisterAsync(ProfileArguments.ParseRegister(args[1..], environment), environment, output, executablePath).ConfigureAwait(false);
            case "unregister":
                return await UnregisterAsync(ProfileArguments.ParseUnregister(args[1..]), environment, output).ConfigureAwait(false);
            default:
                throw new UsageException("Usage: stsftw profile register|unregister NAME [flags]");
        }
    }

    private static async Task<int> RegisterAsync(ProfileArguments arguments, IEnvironmentVariables environment, TextWriter output, string executablePath)
    {
        var request = arguments.Request!;
        string commandLine;
        try
        {
            commandLine = CredentialProcessCommand.Format(CredentialProcessClient.Native(executablePath), request);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(CliApp.OneLine(CliApp.FirstSentences(e.Message)));
        }
        var settings = new List<KeyValuePair<string, string>> { new("credential_process", commandLine) };
        if (request.Region is not null) settings.Add(new("region", request.Region));

        var path = arguments.ConfigFilePath(environment);
        WithConfigFile(path, () =>
        {
            var file = ConfigFileContent.Read(path);
            if (AwsConfigFile.HasProfile(file.Text, arguments.Name) && !arguments.Force)
            {
                throw new CommandFailedException($"The config file {path} already has the profile {arguments.Name}; pass --force to replace it (every key it has now is dropped).");
            }
            ConfigFileContent.Write(path, file, AwsConfigFile.SetProfile(file.Text, arguments.Name, settings));
        });
        await output.WriteLineAsync($"Wrote {AwsConfigFile.SectionHeader(arguments.Name)} to {path}.").ConfigureAwait(false);
        return CliApp.Success;
    }

    private static async Task<int> UnregisterAsync(ProfileArguments arguments, IEnvironmentVariables environment, TextWriter output)
    {
        var path = arguments.ConfigFilePath(environment);
        WithConfigFile(path, () =>
        {
            var file = ConfigFileContent.Read(path);
            var text = AwsConfigFile.RemoveProfile(file.Text, arguments.Name, out var removed);
            if (!removed) throw new CommandFailedException($"The config file {path} has no profile {arguments.Name}.");
            ConfigFileContent.Write(path, file, text);
        });
        await output.WriteLineAsync($"Removed {AwsConfigFile.SectionHeader(arguments.Name)} from {path}.").ConfigureAwait(false);
        return CliApp.Success;
    }

    private static void WithConfigFile(string path, Action change)
    {
        try
        {
            change();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new CommandFailedException($"The config file {path}: {CliApp.OneLine(e.Message)}");
        }
    }
}
