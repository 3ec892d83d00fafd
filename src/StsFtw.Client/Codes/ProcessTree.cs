using System.Diagnostics;
using System.Text;
#if !NET
using System.Runtime.InteropServices;
#endif

namespace StsFtw.Client.Codes;

/// <summary>Waiting for and stopping a child process together with every process it started, on both target frameworks.</summary>
internal static class ProcessTree
{
    /// <summary>Kills <paramref name="process"/> and its descendants; a process that already exited is fine.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (process.HasExited) return;
#if NET
            process.Kill(entireProcessTree: true);
#else
            // netstandard2.0 runs on .NET 8+ (PowerShell 7), which has Kill(bool), or on .NET Framework (Windows PowerShell).
            var killTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });
            if (killTree is not null)
            {
                killTree.Invoke(process, new object[] { true });
            }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                var arguments = "/T /F /PID " + process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var start = new ProcessStartInfo(Path.Combine(Environment.SystemDirectory, "taskkill.exe"), arguments)
                {
                    UseShellExecute = false,
                    CreateNoWindow = true,
                };
                using var taskkill = Process.Start(start);
                taskkill?.WaitForExit(5000);
            }
            else
            {
                process.Kill();
            }
#endif
        }
        catch (Exception failure) when (failure is InvalidOperationException || failure is System.ComponentModel.Win32Exception
            || failure is System.Reflection.TargetInvocationException || failure is NotSupportedException)
        {
            // It exited meanwhile, or cannot be killed; there is nothing more to do.
        }
    }

    /// <summary>Waits for <paramref name="process"/> to exit.</summary>
    public static async Task WaitForExitAsync(Process process, CancellationToken cancellationToken)
    {
#if NET
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
#else
        var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => exited.TrySetResult(true);
        if (process.HasExited) exited.TrySetResult(true);
        using (cancellationToken.Register(() => exited.TrySetCanceled(cancellationToken)))
        {
            await exited.Task.ConfigureAwait(false);
        }
        process.WaitForExit(); // Lets the runtime finish reading the exit status.
#endif
    }

    /// <summary>
    /// <paramref name="argument"/> quoted so that the command-line parser of Windows (which .NET also applies to
    /// <see cref="ProcessStartInfo.Arguments"/> on Unix) yields it unchanged.
    /// </summary>
    public static string QuoteArgument(string argument)
    {
        var builder = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            builder.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            builder.Append(c);
        }
        return builder.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
