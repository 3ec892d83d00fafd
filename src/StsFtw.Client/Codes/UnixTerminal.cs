using System.Text;
using StsFtw.Client.Files.Unix;
#if NET
using System.Runtime.InteropServices;
#endif

namespace StsFtw.Client.Codes;

/// <summary>
/// The controlling terminal, <c>/dev/tty</c>, opened read-write: the prompt goes there and the code comes from there,
/// whatever standard input, output and error are (pipes under <c>credential_process</c> or <c>$(…)</c>).
/// </summary>
/// <remarks>
/// While a code is read the terminal is in raw mode (termios: no echo, no canonical input, no signals from control
/// keys), so each digit is echoed as <c>*</c> and Ctrl+C arrives as a key that cancels. The saved settings are put
/// back in a <c>finally</c>, and on .NET also when SIGINT, SIGTERM, SIGHUP or SIGQUIT arrives while the prompt is open.
/// The switch to raw mode discards anything typed before it (TCSAFLUSH), since that was echoed in clear.
/// </remarks>
internal sealed class UnixTerminal : IDisposable
{
    private const string Device = "/dev/tty";
    private const short PollIn = 0x1;
    private const int PollMilliseconds = 200;
    private readonly int _descriptor;

    private UnixTerminal(int descriptor) => _descriptor = descriptor;

    /// <summary>Opens <c>/dev/tty</c>; null when the process has no controlling terminal (or the platform is not supported).</summary>
    public static UnixTerminal? TryOpen()
    {
        var platform = UnixPlatform.Current;
        if (!platform.IsSupported) return null;
        var flags = UnixPlatform.ReadWrite | platform.NoControllingTerminal | platform.CloseOnExec;
        var descriptor = LibC.OpenPath(LibC.PathBytes(Device), flags, 0);
        if (descriptor < 0) return null;
        var probe = new byte[UnixPlatform.TermiosBufferSize];
        if (LibC.TcGetAttr(descriptor, probe) == 0) return new UnixTerminal(descriptor);
        LibC.Close(descriptor);
        return null;
    }

    /// <summary>True when a terminal can be opened: the condition under which a code command's input and errors go to it.</summary>
    public static bool IsAvailable()
    {
        using var terminal = TryOpen();
        return terminal is not null;
    }

    /// <summary>Writes <paramref name="prompt"/>, reads a masked code, and restores the terminal.</summary>
    /// <exception cref="OperationCanceledException">The person cancelled, or <paramref name="cancellationToken"/> was.</exception>
    public string ReadMasked(string prompt, int maximumLength, CancellationToken cancellationToken)
    {
        var saved = new byte[UnixPlatform.TermiosBufferSize];
        if (LibC.TcGetAttr(_descriptor, saved) != 0) throw new IOException($"Could not read the terminal's settings (errno {LibC.Errno}).");
        var raw = (byte[])saved.Clone();
        UnixPlatform.Current.MakeRaw(raw);
        var editor = new MaskedCodeEditor(maximumLength);
        var restored = 0;
        void Restore()
        {
            if (Interlocked.Exchange(ref restored, 1) == 0) LibC.TcSetAttr(_descriptor, UnixPlatform.Current.SetAfterFlush, saved);
        }
#if NET
        var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => Restore())).ToList();
#endif
        try
        {
            if (LibC.TcSetAttr(_descriptor, UnixPlatform.Current.SetAfterFlush, raw) != 0) throw new IOException($"Could not turn off the terminal's echo (errno {LibC.Errno}).");
            Write(prompt);
            var buffer = new byte[16];
            while (true)
            {
                var count = ReadSome(buffer, cancellationToken);
                if (count == 0) throw new OperationCanceledException("The terminal closed before a code was entered.");
                for (var i = 0; i < count; i++)
                {
                    var outcome = editor.Feed(buffer[i] < 0x80 ? (char)buffer[i] : '\uFFFD', out var echo);
                    if (echo.Length > 0) Write(echo);
                    if (outcome == MaskedCodeEditor.Outcome.Done) return editor.Text;
                    if (outcome == MaskedCodeEditor.Outcome.Cancelled) throw new OperationCanceledException("The code prompt was cancelled.");
                }
                Array.Clear(buffer, 0, buffer.Length);
            }
        }
        finally
        {
            Restore();
            Write("\n");
            editor.Wipe();
#if NET
            foreach (var registration in signals) registration.Dispose();
#endif
        }
    }

    /// <summary>Writes <paramref name="text"/> to the terminal.</summary>
    public void Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var offset = 0;
        while (offset < bytes.Length)
        {
            var chunk = offset == 0 ? bytes : bytes.Skip(offset).ToArray();
            var written = LibC.Write(_descriptor, chunk, chunk.Length);
            if (written < 0 && LibC.Errno == UnixPlatform.Interrupted) continue;
            if (written <= 0) return; // The terminal went away; the read that follows will say so.
            offset += (int)written;
        }
    }

    /// <summary>Whether the terminal echoes input now (for tests that check the settings were restored).</summary>
    public bool EchoIsOn()
    {
        var settings = new byte[UnixPlatform.TermiosBufferSize];
        if (LibC.TcGetAttr(_descriptor, settings) != 0) return false;
        var flags = UnixPlatform.Current.IsMacOS ? BitConverter.ToUInt64(settings, 24) : BitConverter.ToUInt32(settings, 12);
        return (flags & 0x8) != 0;
    }

    /// <inheritdoc />
    public void Dispose() => LibC.Close(_descriptor);

    // Waits for input in short polls so that cancellation is noticed; 0 at end of input.
    private int ReadSome(byte[] buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var poll = new LibC.PollDescriptor { Descriptor = _descriptor, Events = PollIn };
            var ready = LibC.Poll(ref poll, 1, PollMilliseconds);
            if (ready < 0 && LibC.Errno != UnixPlatform.Interrupted) throw new IOException($"Could not wait for the terminal (errno {LibC.Errno}).");
            if (ready <= 0) continue;
            var read = LibC.Read(_descriptor, buffer, buffer.Length);
            if (read < 0 && LibC.Errno == UnixPlatform.Interrupted) continue;
            if (read < 0) throw new IOException($"Could not read from the terminal (errno {LibC.Errno}).");
            return (int)read;
        }
    }
}
