using System.ComponentModel;
using System.Diagnostics;
using StsFtw.Client.Codes;

namespace StsFtw.Client.Exec;

/// <summary>
/// An external program run with credentials in its own environment only: the child's environment is this process's
/// with <see cref="CommandEnvironment"/>'s changes applied, and this process's environment is never touched.
/// </summary>
/// <remarks>
/// <para>
/// Standard input, output and error are inherited, so the program behaves as if the person had typed it: it can
/// prompt, page and colour its output, and Ctrl+C in the terminal reaches it (it is in the same process group, or
/// attached to the same console on Windows). Nothing it prints passes through this process.
/// </para>
/// <para>
/// When <see cref="RunAsync"/> is cancelled (the pipeline was stopped), the program gets <see cref="StopGrace"/> to
/// finish on its own — after a Ctrl+C from the terminal it received the interrupt too — and is then killed together
/// with every process it started.
/// </para>
/// </remarks>
public sealed class ExternalCommand
{
    /// <summary>How long a stopped program gets to exit by itself before it is killed.</summary>
    public static readonly TimeSpan DefaultStopGrace = TimeSpan.FromSeconds(5);

    /// <summary>Describes the program to run.</summary>
    /// <param name="fileName">The program: a full path (resolve names on PATH before, as a shell would).</param>
    /// <param name="arguments">Its arguments, each passed as one argument, unchanged.</param>
    /// <param name="workingDirectory">Where it starts.</param>
    public ExternalCommand(string fileName, IReadOnlyList<string>? arguments, string workingDirectory)
    {
        if (string.IsNullOrEmpty(fileName)) throw new ArgumentException("The program is required.", nameof(fileName));
        if (string.IsNullOrEmpty(workingDirectory)) throw new ArgumentException("The working directory is required.", nameof(workingDirectory));
        FileName = fileName;
        Arguments = arguments?.ToArray() ?? Array.Empty<string>();
        if (Arguments.Any(a => a is null || a.IndexOf('\0') >= 0)) throw new ArgumentException("An argument is null or holds a NUL character.", nameof(arguments));
        WorkingDirectory = workingDirectory;
    }

    /// <summary>The program.</summary>
    public string FileName { get; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Where it starts.</summary>
    public string WorkingDirectory { get; }

    /// <summary>How long the program gets to exit by itself after <see cref="RunAsync"/> is cancelled.</summary>
    public TimeSpan StopGrace { get; init; } = DefaultStopGrace;

    /// <summary>Starts the program with <paramref name="environmentChanges"/> applied to its environment and returns its exit code.</summary>
    /// <exception cref="Win32Exception">The program could not be started (not found, not executable).</exception>
    /// <exception cref="OperationCanceledException">Cancelled: the program has exited or has been killed.</exception>
    public async Task<int> RunAsync(IEnumerable<KeyValuePair<string, string?>> environmentChanges, CancellationToken cancellationToken)
    {
        if (environmentChanges is null) throw new ArgumentNullException(nameof(environmentChanges));
        cancellationToken.ThrowIfCancellationRequested();
        var start = StartInfo(environmentChanges);
        using var process = Process.Start(start) ?? throw new Win32Exception($"{FileName} did not start.");
        try
        {
            await ProcessTree.WaitForExitAsync(process, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await ProcessTree.WaitForExitAsync(process, grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                ProcessTree.Kill(process);
            }
            throw;
        }
        return process.ExitCode;
    }

    /// <summary>The start information: inherited streams, no shell, the environment with the changes applied.</summary>
    internal ProcessStartInfo StartInfo(IEnumerable<KeyValuePair<string, string?>> environmentChanges)
    {
        var start = new ProcessStartInfo(FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            CreateNoWindow = false,
            WorkingDirectory = WorkingDirectory,
        };
#if NET
        foreach (var argument in Arguments) start.ArgumentList.Add(argument);
#else
        start.Arguments = string.Join(" ", Arguments.Select(ProcessTree.QuoteArgument));
#endif
        foreach (var change in environmentChanges)
        {
            if (change.Value is null) start.Environment.Remove(change.Key);
            else start.Environment[change.Key] = change.Value;
        }
        return start;
    }
}
