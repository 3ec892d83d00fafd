using System.Diagnostics;
using StsFtw.Sandbox.Output;

namespace StsFtw.Sandbox;

/// <summary>One run of the sandbox: start, print what a person (or a script) needs, wait for a stop, stop everything.</summary>
public static class SandboxRunner
{
    /// <summary>Exit code of a run stopped by a signal.</summary>
    public const int Stopped = 0;

    /// <summary>Exit code when the sandbox could not start or a part of it ended on its own.</summary>
    public const int Failed = 1;

    /// <summary>
    /// Runs until <paramref name="stop"/> is cancelled. The summary goes to <paramref name="output"/>; progress, the
    /// backend's log and every failure go to <paramref name="log"/>, failures as sentences without a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(SandboxOptions options, TextWriter output, TextWriter log, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        var watch = Stopwatch.StartNew();
        SandboxHost host;
        try
        {
            host = await SandboxHost.StartAsync(options.Port, log.WriteLine, stop).ConfigureAwait(false);
        }
        catch (SandboxException failure)
        {
            log.WriteLine(failure.Message);
            return Failed;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            log.WriteLine("Stopped before the sandbox was up; nothing is left running.");
            return Stopped;
        }
        catch (Exception failure)
        {
            // Unforeseen (dynalite refusing the table, say): still one line, and everything started is already stopped.
            log.WriteLine($"The sandbox did not start: {failure.GetType().Name}: {failure.Message}");
            return Failed;
        }

        string? ended;
        await using (host.ConfigureAwait(false))
        {
            if (options.Json) output.WriteLine(JsonSummary.For(host, watch.Elapsed));
            else Instructions.Write(output, host, watch.Elapsed);
            output.Flush();
            ended = await host.WaitAsync(stop).ConfigureAwait(false);
            log.WriteLine(ended is null ? "Stopping the sandbox ..." : ended + " Stopping the sandbox ...");
        }
        log.WriteLine("Stopped: the backend, dynalite and the stand-ins are gone.");
        return ended is null ? Stopped : Failed;
    }
}
