using System.ComponentModel;
using System.Diagnostics;

namespace StsFtw.Sandbox.Processes;

/// <summary>Starting and stopping the sandbox's child processes (Node.js for dynalite, dotnet for the backend).</summary>
public static class ChildProcess
{
    /// <summary>How long a stop waits for the process tree to be gone.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Starts <paramref name="start"/> with standard output and error read line by line into <paramref name="output"/>.
    /// A program that cannot be started becomes a <see cref="SandboxException"/> saying <paramref name="missing"/>.
    /// </summary>
    public static Process Start(ProcessStartInfo start, OutputTail output, string missing)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(output);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.CreateNoWindow = true;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SandboxException(missing);
        }
        catch (Win32Exception failure)
        {
            throw new SandboxException(missing, failure);
        }
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Kills <paramref name="process"/> and everything it started, waits at most <see cref="StopTimeout"/> for it to be
    /// gone, and disposes it. A process that already exited is only disposed.
    /// </summary>
    public static async Task StopAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(StopTimeout);
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is InvalidOperationException or OperationCanceledException or Win32Exception)
        {
            // Already gone, never started, or stuck past the bound: nothing more can be done from here.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Removes every AWS_*, STS_* and Lambda trace variable this process would pass on to a child.</summary>
    public static void RemoveAwsAndStsVariables(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var inherited = start.Environment.Keys
            .Where(k => k.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("STS_", StringComparison.OrdinalIgnoreCase)
                || k.Equals("_X_AMZN_TRACE_ID", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        foreach (var name in inherited) start.Environment.Remove(name);
    }
}
