using System.Diagnostics;
using System.Reflection;
using System.Text;
using StsFtw.Client.Output;

namespace StsFtw.Client.Tests.Output;

/// <summary>
/// SECURITY.md rule A2: each shell's export line, evaluated by that shell, sets the variable to the value verbatim and
/// runs nothing, even for values the endpoint client would refuse upstream (the formatter stands alone).
/// </summary>
public sealed class ExportLinesInRealShellsTests
{
    private static readonly string RepositoryRoot = typeof(ExportLinesInRealShellsTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    // Every quote PowerShell knows (' and U+2018-U+201B), POSIX's and fish's escapes, expansions of each shell.
    public static readonly TheoryData<string> HostileValues = new()
    {
        "a\u2019; New-Item -ItemType File $env:CANARY; \u2019b",
        "a\u2018+$(New-Item -ItemType File $env:CANARY)+\u201Bb",
        "a\u201A; ni $env:CANARY; '\u2019'",
        "a'; touch \"$CANARY\"; echo 'b",
        "a'\\''; touch \"$CANARY\"; '",
        "a\\'; touch $CANARY; echo \\'",
        "$(touch $CANARY)`touch $CANARY`${CANARY}%PATH%!x!",
        "(touch $CANARY); and touch $CANARY",
    };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task HostileValueArrivesVerbatimInBashAndRunsNothing(string value)
    {
        if (OperatingSystem.IsWindows()) return;
        var canary = Canary();
        var script = ExportFormatter.Line(ShellKind.Bash, "AWS_SESSION_TOKEN", value) + "\nprintf '%s' \"$AWS_SESSION_TOKEN\"\n";
        foreach (var shell in new[] { "bash", "sh" })
        {
            var output = await RunAsync(shell, ["-c", script], canary);
            Assert.Equal(value, output);
            Assert.False(File.Exists(canary), $"{shell} ran part of the value");
        }
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task HostileValueArrivesVerbatimInPowerShellAndRunsNothing(string value)
    {
        var canary = Canary();
        var line = ExportFormatter.Line(ShellKind.PowerShell, "AWS_SESSION_TOKEN", value);
        var script = Path.Combine(Path.GetTempPath(), "stsftw-export-" + Guid.NewGuid().ToString("N") + ".ps1");
        // What a person runs: the line through Invoke-Expression, then the value back as UTF-8 base64 (no console encoding in the way).
        await File.WriteAllTextAsync(script,
            "$line = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('" + Convert.ToBase64String(Encoding.UTF8.GetBytes(line)) + "'))\n" +
            "$line | Invoke-Expression\n" +
            "[Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($env:AWS_SESSION_TOKEN))\n",
            new UTF8Encoding(true));
        try
        {
            await RunAsync("dotnet", ["tool", "restore"], canary);
            var output = await RunAsync("dotnet", ["pwsh", "-NoProfile", "-NonInteractive", "-File", script], canary);
            Assert.Equal(value, Encoding.UTF8.GetString(Convert.FromBase64String(output.Trim().Split('\n').Last().Trim())));
            Assert.False(File.Exists(canary), "pwsh ran part of the value");
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task HostileValueArrivesVerbatimInFishAndRunsNothing(string value)
    {
        if (OperatingSystem.IsWindows() || !OnPath("fish")) return;
        var canary = Canary();
        var script = ExportFormatter.Line(ShellKind.Fish, "AWS_SESSION_TOKEN", value) + "\nprintf '%s' \"$AWS_SESSION_TOKEN\"\n";
        Assert.Equal(value, await RunAsync("fish", ["-c", script], canary));
        Assert.False(File.Exists(canary), "fish ran part of the value");
    }

    [Theory]
    [InlineData("a\u0007b")]
    [InlineData("a\u001b[2Jb")]
    [InlineData("a\u009bb")]
    [InlineData("a\u007fb")]
    [InlineData("a\rb")]
    public void ControlCharacterIsRefusedForEveryShell(string value)
    {
        foreach (var shell in Enum.GetValues<ShellKind>())
        {
            Assert.Throws<ArgumentException>(() => ExportFormatter.Line(shell, "AWS_SESSION_TOKEN", value));
        }
    }

    [Fact]
    public void PowerShellDoublesEverySingleQuoteCharacterItKnows() =>
        Assert.Equal("$env:X = 'a''b\u2018\u2018c\u2019\u2019d\u201A\u201Ae\u201B\u201Bf\u201Cg'",
            ExportFormatter.Line(ShellKind.PowerShell, "X", "a'b\u2018c\u2019d\u201Ae\u201Bf\u201Cg"));

    private static string Canary() => Path.Combine(Path.GetTempPath(), "stsftw-canary-" + Guid.NewGuid().ToString("N"));

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => d.Length > 0 && File.Exists(Path.Combine(d, name)));

    private static async Task<string> RunAsync(string fileName, string[] arguments, string canary)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["CANARY"] = canary;
        using var process = Process.Start(start) ?? throw new InvalidOperationException(fileName + " did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{fileName} failed: {await error}");
        return await output;
    }
}
