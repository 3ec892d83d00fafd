using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StsFtw.Sandbox.Processes;

namespace StsFtw.Sandbox.Backend;

/// <summary>
/// The backend's local mode as a child process, <c>dotnet bootstrap.dll --listen URL</c>: the same program, settings
/// checks and request log a deployment runs. Its environment is the sandbox's choice alone: every AWS_* and STS_*
/// variable of this process is removed first, so the person's own credentials, profile or endpoints never reach it.
/// </summary>
public sealed class BackendProcess : IAsyncDisposable
{
    /// <summary>How long a start may take (a cold JIT start is well under a second on a quiet machine).</summary>
    public static readonly TimeSpan DefaultStartupTimeout = TimeSpan.FromSeconds(30);

    private const string ListeningText = "Listening on";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private readonly Process _process;
    private readonly OutputTail _output;

    private BackendProcess(Process process, OutputTail output, Uri endpoint)
    {
        _process = process;
        _output = output;
        Endpoint = endpoint;
        Exited = process.WaitForExitAsync();
    }

    /// <summary>Where it serves the credential endpoint, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Completes when the process exits, on its own or when stopped.</summary>
    public Task Exited { get; }

    /// <summary>
    /// Starts <paramref name="assembly"/> listening on <paramref name="endpoint"/> with exactly <paramref name="environment"/>
    /// added, and returns once it says it listens. Each line it prints is handed to <paramref name="log"/>. Throws
    /// <see cref="SandboxException"/> with the backend's own reason when it exits first or stays silent past
    /// <paramref name="timeout"/>.
    /// </summary>
    public static async Task<BackendProcess> StartAsync(
        string assembly, Uri endpoint, IReadOnlyDictionary<string, string?> environment, Action<string> log, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(assembly))
        {
            throw new SandboxException($"The backend is not built at {assembly}: build src/StsFtw.Sandbox (it builds the backend first) and try again.");
        }
        var start = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = Path.GetDirectoryName(assembly)! };
        foreach (var argument in new[] { assembly, "--listen", endpoint.ToString() }) start.ArgumentList.Add(argument);
        ChildProcess.RemoveAwsAndStsVariables(start);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var output = new OutputTail { OnLine = log };
        var backend = new BackendProcess(ChildProcess.Start(start, output, "dotnet was not found on PATH: the sandbox runs the backend with it."), output, endpoint);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await backend.WaitUntilListeningAsync(deadline.Token).ConfigureAwait(false);
            return backend;
        }
        catch (Exception failure) when (failure is OperationCanceledException or SandboxException)
        {
            await backend.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (failure is SandboxException) throw;
            throw new SandboxException($"The backend did not start listening within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", failure);
        }
    }

    /// <summary>The <c>message</c> of a JSON log line, or the line itself when it is not one.</summary>
    public static string MessageOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                    ? message.GetString()!
                    : line;
        }
        catch (JsonException)
        {
            return line;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(ChildProcess.StopAsync(_process));

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        while (!_output.Contains(ListeningText))
        {
            if (_process.HasExited)
            {
                // Let the last lines arrive: the reason is usually the final one.
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                var reason = _output.Lines.LastOrDefault() is { } last ? MessageOf(last) : $"exit code {_process.ExitCode}";
                throw new SandboxException($"The backend did not start: {reason}");
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
