using System.Diagnostics;

namespace StsFtw.PowerShell.Bench.Pwsh;

/// <summary>Starts one fresh <c>pwsh -NoProfile -Command …</c> and times it from start to exit.</summary>
public static class PwshProcess
{
    /// <summary>
    /// Runs <paramref name="command"/> in a fresh pwsh; kills it (and anything it started) and throws when it has
    /// not exited within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<PwshRun> RunAsync(PwshTool pwsh, string command, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, bool nonInteractive = false)
    {
        var start = StartInfo(pwsh, command, workingDirectory, nonInteractive);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{pwsh.Executable} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new TimeoutException($"pwsh -Command \"{command}\" did not exit within {timeout.TotalSeconds:F0} s; killed.");
        }
        var elapsed = watch.Elapsed.TotalMilliseconds;
        return new PwshRun(elapsed, process.ExitCode, await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
    }

    private static ProcessStartInfo StartInfo(PwshTool pwsh, string command, string workingDirectory, bool nonInteractive)
    {
        var start = new ProcessStartInfo(pwsh.Executable)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-NoProfile");
        if (nonInteractive) start.ArgumentList.Add("-NonInteractive");
        start.ArgumentList.Add("-Command");
        start.ArgumentList.Add(command);
        // No STS_* or AWS_* setting leaks in from the machine; every variant names what it uses.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STS_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment.TryAdd("DOTNET_ROOT", pwsh.DotnetRoot);
        // The machine has no network: no variant should wait on a telemetry send or an update check.
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        start.Environment["NO_COLOR"] = "1";
        return start;
    }
}
