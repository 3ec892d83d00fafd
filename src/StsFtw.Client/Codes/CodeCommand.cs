using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace StsFtw.Client.Codes;

/// <summary>
/// A command line that prints a TOTP code, such as <c>op item get AWS --otp</c> or
/// <c>ykman oath accounts code -s stsftw</c>, run through <c>/bin/sh -c</c> (Unix) or <c>cmd.exe /d /s /c</c>
/// (Windows).
/// </summary>
/// <remarks>
/// <para>
/// Standard output is captured; standard input and standard error go to the terminal (<c>/dev/tty</c> when the process
/// has one, else they are inherited; on Windows inherited from the console), so a tool can ask for its own password.
/// </para>
/// <para>
/// The command gets <see cref="Timeout"/> (default 60 s); past it, it is killed with every process it started. It may
/// print at most <see cref="MaximumOutputBytes"/>. Its whole output, with leading and trailing white space removed,
/// must be exactly six ASCII digits: several lines, or anything else, is refused rather than guessed at (wrap a
/// talkative tool in a pipeline that prints only the code). A failure is a <see cref="CodeUnavailableException"/> whose
/// message names <see cref="Source"/> and never holds the output (it may be a secret) or the command line (it may hold
/// a password). Nothing is logged or echoed.
/// </para>
/// </remarks>
public sealed class CodeCommand
{
    /// <summary>The variable suggested for the person's own code command.</summary>
    public const string PrimaryVariable = "STS_TOTP_CODE_COMMAND";

    /// <summary>The variable suggested for the co-signer's code command.</summary>
    public const string SecondaryVariable = "STS_SECONDARY_TOTP_CODE_COMMAND";

    /// <summary>The time a command gets unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The most a command may print.</summary>
    public const int MaximumOutputBytes = 4096;

    /// <summary>Longest command line accepted.</summary>
    public const int MaximumCommandLength = 4096;

    private readonly string _commandLine;

    /// <summary>Creates a code command.</summary>
    /// <param name="commandLine">The command line, as the shell takes it.</param>
    /// <param name="source">Where it came from, for messages (for example <c>STS_TOTP_CODE_COMMAND</c> or <c>-TotpCodeCommand</c>).</param>
    /// <param name="timeout">How long it may run; null for <see cref="DefaultTimeout"/>.</param>
    public CodeCommand(string commandLine, string source, TimeSpan? timeout = null)
    {
        if (string.IsNullOrWhiteSpace(commandLine)) throw new ArgumentException($"The code command ({source}) is empty.", nameof(commandLine));
        if (commandLine.Length > MaximumCommandLength || commandLine.IndexOf('\0') >= 0)
        {
            throw new ArgumentException($"The code command ({source}) is longer than {MaximumCommandLength} characters or holds a NUL character.", nameof(commandLine));
        }
        _commandLine = commandLine;
        Source = string.IsNullOrWhiteSpace(source) ? "the code command" : source;
        Timeout = timeout ?? DefaultTimeout;
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
    }

    /// <summary>Where the command came from, as messages name it.</summary>
    public string Source { get; }

    /// <summary>How long the command may run.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Runs the command and returns its code.</summary>
    /// <exception cref="CodeUnavailableException">The command did not start, failed, ran too long, printed too much or printed no code.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the command is killed).</exception>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo() };
        try
        {
            if (!process.Start()) throw Unavailable(CodeUnavailableReason.CommandDidNotStart, "could not be started");
        }
        catch (Exception failure) when (failure is System.ComponentModel.Win32Exception || failure is InvalidOperationException)
        {
            throw Unavailable(CodeUnavailableReason.CommandDidNotStart, "could not be started");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        byte[]? output = null;
        try
        {
            output = await BoundedOutput.ReadAsync(process.StandardOutput.BaseStream, MaximumOutputBytes, timeout.Token).ConfigureAwait(false);
            if (output is null)
            {
                ProcessTree.Kill(process);
                throw Unavailable(CodeUnavailableReason.CommandOutputTooLarge, string.Format(CultureInfo.InvariantCulture, "printed more than {0} bytes", MaximumOutputBytes));
            }
            await ProcessTree.WaitForExitAsync(process, timeout.Token).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw Unavailable(CodeUnavailableReason.CommandFailed, string.Format(CultureInfo.InvariantCulture, "failed with exit status {0}", process.ExitCode));
            }
            return ParseCode(output) ?? throw Unavailable(CodeUnavailableReason.CommandOutputNotACode, "did not print a code: its output, trimmed, must be exactly six digits");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ProcessTree.Kill(process);
            throw Unavailable(CodeUnavailableReason.CommandTimedOut, string.Format(CultureInfo.InvariantCulture,
                "did not finish within {0} s and was stopped", (int)Math.Ceiling(Timeout.TotalSeconds)));
        }
        catch (OperationCanceledException)
        {
            ProcessTree.Kill(process);
            throw;
        }
        finally
        {
            if (output is not null) Array.Clear(output, 0, output.Length);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"CodeCommand {{ Source = {Source}, Timeout = {Timeout.TotalSeconds} s }}";

    /// <summary>The code in <paramref name="output"/>: exactly six ASCII digits once white space is trimmed; else null.</summary>
    internal static string? ParseCode(byte[] output)
    {
        var start = 0;
        var end = output.Length;
        while (start < end && IsWhiteSpace(output[start])) start++;
        while (end > start && IsWhiteSpace(output[end - 1])) end--;
        if (end - start != 6) return null;
        var code = new char[6];
        for (var i = 0; i < 6; i++)
        {
            var b = output[start + i];
            if (b < (byte)'0' || b > (byte)'9') return null;
            code[i] = (char)b;
        }
        return new string(code);
    }

    private static bool IsWhiteSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

    private ProcessStartInfo StartInfo()
    {
        var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        var start = new ProcessStartInfo(windows ? Path.Combine(Environment.SystemDirectory, "cmd.exe") : "/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardInput = false,
            RedirectStandardError = false,
            CreateNoWindow = false,
        };
        if (windows)
        {
            // /s: cmd strips the outer quotes and runs the rest as typed; /d: no AutoRun commands from the registry.
            start.Arguments = "/d /s /c \"" + _commandLine + "\"";
            return start;
        }
        // Input and errors go to the terminal when there is one, so a tool's own password prompt reaches the person
        // even when this process's standard input or error is a pipe (credential_process captures stderr).
        var script = (UnixTerminal.IsAvailable() ? "exec 0</dev/tty 2>/dev/tty\n" : string.Empty) + _commandLine;
#if NET
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
#else
        start.Arguments = "-c " + ProcessTree.QuoteArgument(script);
#endif
        return start;
    }

    private CodeUnavailableException Unavailable(CodeUnavailableReason reason, string what) =>
        new(reason, $"The code command ({Source}) {what}." + (reason is CodeUnavailableReason.CommandFailed or CodeUnavailableReason.CommandOutputNotACode
            ? " Its output is not shown, as it may be secret."
            : string.Empty));
}
