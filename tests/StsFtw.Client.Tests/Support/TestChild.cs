using System.Diagnostics;

namespace StsFtw.Client.Tests.Support;

/// <summary>Starts this test assembly as a child process in one of its modes (Children/Program.cs) and collects what it printed.</summary>
public static class TestChild
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The command that runs the assembly: the dotnet host and the assembly's path.</summary>
    public static (string Host, string Assembly) Command() =>
        (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet",
         typeof(TestChild).Assembly.Location);

    /// <summary>The command line, quoted for /bin/sh.</summary>
    public static string ShellCommand(params string[] arguments)
    {
        var (host, assembly) = Command();
        return string.Join(" ", new[] { host, assembly }.Concat(arguments).Select(ShellQuote));
    }

    public static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>, stdin empty, stdout and stderr captured.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {Timeout.TotalSeconds} s.");
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs the assembly in a mode through /bin/sh, after <paramref name="shellPrefix"/> (for example <c>umask 000;</c>).</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunInShellAsync(string shellPrefix, params string[] modeAndArguments) =>
        RunAsync("/bin/sh", ["-c", shellPrefix + " exec " + ShellCommand(modeAndArguments)]);
}
