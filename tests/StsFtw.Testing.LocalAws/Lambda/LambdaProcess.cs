using System.Diagnostics;

namespace StsFtw.Testing.Lambda;

/// <summary>
/// The backend running as a child process (the AOT binary, or <c>dotnet bootstrap.dll</c>) with an environment of
/// the test's choosing: inherited AWS_* and STS_* variables are removed so nothing of the machine leaks in.
/// Every line it prints is kept for assertions.
/// </summary>
public sealed class LambdaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = new();
    private readonly List<string> _errors = new();
    private readonly object _gate = new();

    private LambdaProcess(Process process, long startedTimestamp)
    {
        _process = process;
        StartedTimestamp = startedTimestamp;
    }

    /// <summary>When the process was started (<see cref="Stopwatch"/> ticks).</summary>
    public long StartedTimestamp { get; }

    /// <summary>Lines printed to stdout so far.</summary>
    public IReadOnlyList<string> Output
    {
        get { lock (_gate) return _output.ToArray(); }
    }

    /// <summary>Lines printed to stderr so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (_gate) return _errors.ToArray(); }
    }

    /// <summary>The OS process (peak memory, exit code).</summary>
    public Process Process => _process;

    /// <summary>Starts <paramref name="executable"/> (an AOT binary, or a <c>.dll</c> run with <c>dotnet</c>).</summary>
    public static LambdaProcess Start(string executable, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var isAssembly = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(isAssembly ? "dotnet" : executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        if (isAssembly) start.ArgumentList.Add(executable);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("STS_", StringComparison.Ordinal) || k == "_X_AMZN_TRACE_ID").ToArray())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var running = new LambdaProcess(process, started);
        process.OutputDataReceived += (_, e) => running.Append(running._output, e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(running._errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits for a stdout line matching <paramref name="predicate"/>.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = Output.FirstOrDefault(predicate);
            if (line is not null) return line;
            if (_process.HasExited) break;
            await Task.Delay(20).ConfigureAwait(false);
        }
        throw new TimeoutException($"No matching line. stdout:\n{string.Join('\n', Output)}\nstderr:\n{string.Join('\n', Errors)}");
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private void Append(List<string> lines, string? line)
    {
        if (line is null) return;
        lock (_gate) lines.Add(line);
    }
}
