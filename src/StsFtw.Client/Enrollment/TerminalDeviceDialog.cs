using System.Runtime.InteropServices;
using StsFtw.Client.Codes;
using StsFtw.Core.Totp;

namespace StsFtw.Client.Enrollment;

/// <summary>
/// The enrollment conversation on the terminal itself (<c>/dev/tty</c>, or the Windows console): the QR code of a new
/// secret, then two consecutive codes, masked. Standard output is never touched, so it carries only the result.
/// </summary>
/// <remarks>The QR code and the otpauth URI hold the secret: they are written to the terminal and nowhere else.</remarks>
public sealed class TerminalDeviceDialog
{
    /// <summary>How many pairs of codes the person may try.</summary>
    public const int Attempts = 3;

    /// <summary>The prompt for the first code.</summary>
    public const string FirstPrompt = "Code shown now: ";

    /// <summary>The prompt for the second code.</summary>
    public const string SecondPrompt = "Next code (wait for it to change): ";

    // Black on white (ANSI SGR 30;47), then back to the terminal's colours: dark modules are the foreground.
    private const string BlackOnWhite = "\u001b[30;47m";
    private const string Reset = "\u001b[0m";

    private readonly Func<DateTimeOffset> _clock;

    /// <summary>Creates the dialog; <paramref name="clock"/> stamps each code as it is typed.</summary>
    public TerminalDeviceDialog(Func<DateTimeOffset> clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>
    /// Shows <paramref name="key"/>'s QR code (and its otpauth URI when <paramref name="showUri"/>), then asks for two
    /// consecutive codes until they prove the device or the tries run out. Returns null when the device is proven,
    /// else why not (never echoing a code).
    /// </summary>
    /// <exception cref="CodeUnavailableException">There is no terminal (<see cref="CodeUnavailableReason.NoTerminal"/>).</exception>
    /// <exception cref="OperationCanceledException">The person cancelled (Ctrl+C, Ctrl+D), or <paramref name="cancellationToken"/> was.</exception>
    public string? Run(TotpKey key, bool showUri, CancellationToken cancellationToken) => Run(key, showUri, out _, cancellationToken);

    /// <summary>As <see cref="Run(TotpKey, bool, CancellationToken)"/>, and gives the two codes that proved the device (for the backend's confirm).</summary>
    public string? Run(TotpKey key, bool showUri, out ProvenCodes? codes, CancellationToken cancellationToken)
    {
        Show(key, showUri);
        return Verify(key.Secret, out codes, cancellationToken);
    }

    /// <summary>
    /// True when there is a terminal to hold the conversation on. Asked before an invitation is redeemed: a redeemed
    /// invitation cannot be started again, so finding no terminal afterwards would spend it for nothing.
    /// </summary>
    public static bool IsAvailable()
    {
        try
        {
            using var terminal = Terminal.Open("check for");
            return true;
        }
        catch (CodeUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="key"/>'s QR code to the terminal, and its otpauth URI when <paramref name="showUri"/>.</summary>
    /// <exception cref="CodeUnavailableException">There is no terminal (<see cref="CodeUnavailableReason.NoTerminal"/>).</exception>
    public static void Show(TotpKey key, bool showUri)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        using var terminal = Terminal.Open("show the QR code on");
        terminal.Write($"\r\nScan this code with the authenticator app of {key.AccountName} ({key.Issuer}):\r\n");
        foreach (var line in TerminalQrCode.Render(key.ToUri())) terminal.Write(BlackOnWhite + line + Reset + "\r\n");
        if (showUri) terminal.Write("Or enter this URI in the app (it is the secret: do not share it):\r\n" + key.ToUri() + "\r\n");
        terminal.Write("\r\n");
    }

    /// <summary>
    /// Asks on the terminal for two consecutive codes of <paramref name="secret"/> until they prove the device or the
    /// tries run out. Returns null when the device is proven (with the two codes), else why not (never echoing a code).
    /// </summary>
    /// <exception cref="CodeUnavailableException">There is no terminal (<see cref="CodeUnavailableReason.NoTerminal"/>).</exception>
    /// <exception cref="OperationCanceledException">The person cancelled (Ctrl+C, Ctrl+D), or <paramref name="cancellationToken"/> was.</exception>
    public string? Verify(TotpSecret secret, out ProvenCodes? codes, CancellationToken cancellationToken)
    {
        if (secret is null) throw new ArgumentNullException(nameof(secret));
        using var terminal = Terminal.Open("ask for the two codes that prove the device on");
        codes = null;
        string? reason = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var first = terminal.ReadMasked(FirstPrompt, TerminalCodePrompt.MaximumLength, cancellationToken);
            var firstAt = _clock();
            var second = terminal.ReadMasked(SecondPrompt, TerminalCodePrompt.MaximumLength, cancellationToken);
            var secondAt = _clock();
            reason = DeviceVerification.Check(secret, first, firstAt, second, secondAt);
            if (reason is null)
            {
                codes = new ProvenCodes(first, second);
                return null;
            }
            if (attempt < Attempts) terminal.Write($"{reason} Try again ({Attempts - attempt} left).\r\n");
        }
        return reason;
    }

    /// <summary>
    /// Asks on the terminal, masked, for a current code of the device being replaced (<see cref="OldDeviceCode"/>),
    /// after writing <paramref name="note"/> when there is one.
    /// </summary>
    /// <exception cref="CodeUnavailableException">There is no terminal (<see cref="CodeUnavailableReason.NoTerminal"/>).</exception>
    /// <exception cref="OperationCanceledException">The person cancelled (Ctrl+C, Ctrl+D), or <paramref name="cancellationToken"/> was.</exception>
    public static string ReadOldDeviceCode(string? note, CancellationToken cancellationToken)
    {
        using var terminal = Terminal.Open("ask for a current code of the device this invitation replaces on");
        if (note is not null) terminal.Write(note + "\r\n");
        return terminal.ReadMasked(OldDeviceCode.Prompt + ": ", TerminalCodePrompt.MaximumLength, cancellationToken);
    }

    // The terminal itself: /dev/tty, or the Windows console.
    private sealed class Terminal : IDisposable
    {
        private readonly IDisposable _device;
        private readonly Action<string> _write;
        private readonly Func<string, int, CancellationToken, string> _read;

        private Terminal(IDisposable device, Action<string> write, Func<string, int, CancellationToken, string> read)
        {
            _device = device;
            _write = write;
            _read = read;
        }

        public static Terminal Open(string purpose)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                var console = WindowsConsole.TryOpen() ?? throw NoTerminal("console", purpose);
                return new Terminal(console, console.Write, console.ReadMasked);
            }
            var terminal = UnixTerminal.TryOpen() ?? throw NoTerminal("terminal (/dev/tty)", purpose);
            return new Terminal(terminal, terminal.Write, terminal.ReadMasked);
        }

        public void Write(string text) => _write(text);

        public string ReadMasked(string prompt, int maximumLength, CancellationToken cancellationToken) => _read(prompt, maximumLength, cancellationToken);

        public void Dispose() => _device.Dispose();

        private static CodeUnavailableException NoTerminal(string what, string purpose) =>
            new(CodeUnavailableReason.NoTerminal, $"There is no {what} to {purpose}.");
    }
}

/// <summary>The two consecutive codes that proved a device. <see cref="ToString"/> hides them.</summary>
public sealed record ProvenCodes(string First, string Second)
{
    /// <inheritdoc />
    public override string ToString() => "ProvenCodes { First = [redacted], Second = [redacted] }";
}
