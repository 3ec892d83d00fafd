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
        if (key is null) throw new ArgumentNullException(nameof(key));
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            using var console = WindowsConsole.TryOpen() ?? throw NoTerminal("console");
            return Converse(console.Write, console.ReadMasked, key, showUri, out codes, cancellationToken);
        }
        using var terminal = UnixTerminal.TryOpen() ?? throw NoTerminal("terminal (/dev/tty)");
        return Converse(terminal.Write, terminal.ReadMasked, key, showUri, out codes, cancellationToken);
    }

    private string? Converse(Action<string> write, Func<string, int, CancellationToken, string> read, TotpKey key, bool showUri, out ProvenCodes? codes, CancellationToken cancellationToken)
    {
        codes = null;
        write($"\r\nScan this code with the authenticator app of {key.AccountName} ({key.Issuer}):\r\n");
        foreach (var line in TerminalQrCode.Render(key.ToUri())) write(BlackOnWhite + line + Reset + "\r\n");
        if (showUri) write("Or enter this URI in the app (it is the secret: do not share it):\r\n" + key.ToUri() + "\r\n");
        write("\r\n");

        string? reason = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var first = read(FirstPrompt, TerminalCodePrompt.MaximumLength, cancellationToken);
            var firstAt = _clock();
            var second = read(SecondPrompt, TerminalCodePrompt.MaximumLength, cancellationToken);
            var secondAt = _clock();
            reason = DeviceVerification.Check(key.Secret, first, firstAt, second, secondAt);
            if (reason is null)
            {
                codes = new ProvenCodes(first, second);
                return null;
            }
            if (attempt < Attempts) write($"{reason} Try again ({Attempts - attempt} left).\r\n");
        }
        return reason;
    }

    private static CodeUnavailableException NoTerminal(string what) =>
        new(CodeUnavailableReason.NoTerminal, $"There is no {what} to show the QR code on and ask for the two codes that prove the device.");
}

/// <summary>The two consecutive codes that proved a device. <see cref="ToString"/> hides them.</summary>
public sealed record ProvenCodes(string First, string Second)
{
    /// <inheritdoc />
    public override string ToString() => "ProvenCodes { First = [redacted], Second = [redacted] }";
}
