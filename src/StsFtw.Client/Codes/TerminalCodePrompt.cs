using System.Runtime.InteropServices;

namespace StsFtw.Client.Codes;

/// <summary>
/// Asks for a code on the terminal itself: <c>/dev/tty</c> on Linux and macOS, the console (<c>CONIN$</c>,
/// <c>CONOUT$</c>) on Windows. Standard output is never touched, so the prompt works under <c>credential_process</c>,
/// <c>eval "$(…)"</c> and pipes. The code is masked (one <c>*</c> per digit), at most <see cref="MaximumLength"/> long.
/// </summary>
/// <remarks>
/// Without a terminal (a service, <c>setsid</c>, CI) it fails at once with <see cref="CodeUnavailableReason.NoTerminal"/>
/// and a message naming the other ways to supply the code; it never waits for input that cannot come.
/// </remarks>
public sealed class TerminalCodePrompt : ICodePrompt
{
    /// <summary>The most characters read: more than a code needs, so a typo can still be seen and corrected.</summary>
    public const int MaximumLength = 16;

    /// <summary>How the person's code can be supplied instead, named by both front doors.</summary>
    public const string DefaultPrimaryHint =
        "Supply the code with -TotpCode (PowerShell) or --totp-code (stsftw), or name a command that prints it with " +
        "-TotpCodeCommand, --totp-code-command or the STS_TOTP_CODE_COMMAND environment variable.";

    /// <summary>How the co-signer's code can be supplied instead, named by both front doors.</summary>
    public const string DefaultCoSignerHint =
        "Supply the co-signer's code with -SecondaryTotpCode (PowerShell) or --secondary-totp-code (stsftw), or name a command " +
        "that prints it with -SecondaryTotpCodeCommand, --secondary-totp-code-command or the STS_SECONDARY_TOTP_CODE_COMMAND environment variable.";

    private readonly string _primaryHint;
    private readonly string _coSignerHint;

    /// <summary>Creates the prompt; a front door may word the hints for its own parameters.</summary>
    public TerminalCodePrompt(string? primaryHint = null, string? coSignerHint = null)
    {
        _primaryHint = primaryHint ?? DefaultPrimaryHint;
        _coSignerHint = coSignerHint ?? DefaultCoSignerHint;
    }

    /// <inheritdoc />
    public string ReadCode(CodePromptRequest request, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            using var console = WindowsConsole.TryOpen() ?? throw NoTerminal(request, "console");
            return console.ReadMasked(request.Text, MaximumLength, cancellationToken);
        }
        using var terminal = UnixTerminal.TryOpen() ?? throw NoTerminal(request, "terminal (/dev/tty)");
        return terminal.ReadMasked(request.Text, MaximumLength, cancellationToken);
    }

    private CodeUnavailableException NoTerminal(CodePromptRequest request, string what) =>
        new(CodeUnavailableReason.NoTerminal,
            $"No code for {(request.IsCoSigner ? "co-signer " : string.Empty)}{request.ShownAccountName}: there is no {what} to ask on. " +
            (request.IsCoSigner ? _coSignerHint : _primaryHint));
}
