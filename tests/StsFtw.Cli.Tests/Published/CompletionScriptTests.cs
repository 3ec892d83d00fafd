using System.Diagnostics;
using StsFtw.Cli.Arguments;
using StsFtw.Cli.Commands;
using StsFtw.Cli.Tests.Support;

namespace StsFtw.Cli.Tests.Published;

/// <summary><c>stsftw completion bash|zsh|fish|pwsh</c>: each script names every command and every flag the parser knows.</summary>
public sealed class CompletionScriptTests
{
    public static TheoryData<string> Shells => new(Completion.Shells);

    [Theory]
    [MemberData(nameof(Shells))]
    public async Task EveryScriptIsPrintedAndNamesEveryCommandAndFlag(string shell)
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();

        var run = await CliRun.StartAsync(binary, ["completion", shell], new Dictionary<string, string>());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(Completion.Script(shell), run.Output);
        string[] commands = ["get", "credential-process", "exec", "console", "profile", "register", "unregister", "cache", "completion", "clear"];
        foreach (var word in commands.Concat(Completion.Shells).Concat(Completion.ShellValues))
        {
            Assert.Contains(word, run.Output, StringComparison.Ordinal);
        }
        foreach (var flag in Completion.ValueFlags.Concat(CredentialArguments.SwitchFlags).Concat(ConsoleCommand.SwitchFlags).Concat(ProfileArguments.RegisterSwitchFlags)
            .Concat(EnrollArguments.SwitchFlags).Append("--help"))
        {
            // fish names flags without their dashes (-l endpoint).
            Assert.Contains(shell == "fish" ? $"-l {flag[2..]}" : flag, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GetAloneOffersTheOutputFlags()
    {
        var commands = Completion.Commands.ToDictionary(c => c.Name);

        Assert.Contains("--shell", commands["get"].Words);
        Assert.DoesNotContain("--shell", commands["credential-process"].Words);
        Assert.DoesNotContain("--json", commands["exec"].Words);
        Assert.Contains("--", commands["exec"].Words);
        Assert.Null(Completion.Script("tcsh"));
    }

    [Fact]
    public async Task ThePwshScriptParsesAndCompletes()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        var script = Path.Combine(Path.GetTempPath(), $"stsftw-completion-{Guid.NewGuid():N}.ps1");
        var run = await CliRun.StartAsync(binary, ["completion", "pwsh"], new Dictionary<string, string>());
        await File.WriteAllTextAsync(script, run.Output);
        try
        {
            var command = $"""
                [scriptblock]::Create((Get-Content -Raw '{script}')) | Out-Null
                . '{script}'
                (TabExpansion2 'stsftw cre' 10).CompletionMatches.CompletionText
                (TabExpansion2 'stsftw get --sh' 15).CompletionMatches.CompletionText
                (TabExpansion2 'stsftw get --shell f' 20).CompletionMatches.CompletionText
                """;
            var output = await PwshAsync(command);

            Assert.Equal(["credential-process", "--shell", "fish"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Runs the repository's pwsh (a local dotnet tool, restored first) with the inherited environment.</summary>
    private static async Task<string> PwshAsync(string command)
    {
        await RunAsync(["tool", "restore"]);
        return await RunAsync(["pwsh", "-NoProfile", "-NonInteractive", "-Command", command]);
    }

    private static async Task<string> RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = CliArtifacts.RepositoryRoot,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet {arguments[0]} failed: {await error}");
        return await output;
    }
}
