using System.Management.Automation;
using System.Management.Automation.Host;
using StsFtw.Client.Codes;
using StsFtw.Client.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.PowerShell.Hosting;

namespace StsFtw.PowerShell.Enrollment;

/// <summary>
/// The conversation with the person enrolling a device: show the QR code (and the otpauth URI when asked), then ask
/// for two consecutive codes (masked), with a few tries; for a rotation by invitation, a code of the old device.
/// </summary>
/// <remarks>
/// The console host (real pwsh) writes its UI to standard output, which a pipe, a redirection or <c>eval "$(…)"</c>
/// captures: the secret would land there. So under the console host the conversation is with the terminal itself
/// (<see cref="TerminalDeviceDialog"/>), as Get-StsCredential's code prompt is; other hosts (editors, engines hosted in
/// a program) have a UI of their own that is not standard output, and the host's UI is used.
/// </remarks>
internal sealed class DeviceDialog
{
    /// <summary>How many pairs of codes the person may try.</summary>
    public const int Attempts = 3;

    private readonly PSHost _host;
    private readonly Func<DateTimeOffset> _clock;

    public DeviceDialog(PSHost host, Func<DateTimeOffset> clock)
    {
        _host = host;
        _clock = clock;
        UsesTerminal = string.Equals(host?.Name, "ConsoleHost", StringComparison.Ordinal);
    }

    /// <summary>True when the conversation is with the terminal rather than the host's UI.</summary>
    public bool UsesTerminal { get; }

    /// <summary>
    /// False when it is known beforehand that nobody can be asked: the console host without a terminal. (Another host
    /// says so only when asked.) Checked before an invitation is redeemed, which cannot be started twice.
    /// </summary>
    public bool CanPrompt => !UsesTerminal || TerminalDeviceDialog.IsAvailable();

    /// <summary>Writes the QR code (black on white) and the URI to the host; they hold the secret, so they go nowhere else.</summary>
    public void Show(TotpKey key) => Show(key, showUri: true);

    /// <summary>Writes the QR code (black on white) to the host, and the URI only when <paramref name="showUri"/> is set.</summary>
    public void Show(TotpKey key, bool showUri)
    {
        if (UsesTerminal)
        {
            // Without a terminal nothing is shown; Verify then says the session cannot prompt, and nothing is written.
            try
            {
                TerminalDeviceDialog.Show(key, showUri);
            }
            catch (CodeUnavailableException)
            {
            }
            return;
        }
        var ui = _host.UI;
        ui.WriteLine();
        ui.WriteLine($"Scan this code with the authenticator app of {key.AccountName} ({key.Issuer}):");
        foreach (var line in TerminalQrCode.Render(key.ToUri()))
        {
            ui.Write(ConsoleColor.Black, ConsoleColor.White, line);
            ui.WriteLine();
        }
        if (showUri)
        {
            ui.WriteLine("Or enter this URI in the app (it is the secret: do not share it):");
            ui.WriteLine(key.ToUri());
        }
        ui.WriteLine();
    }

    /// <summary>
    /// Asks for two consecutive codes until they prove the device or the tries run out. Returns null when the
    /// device is proven, the last reason otherwise; <paramref name="canPrompt"/> is false when the host cannot ask.
    /// </summary>
    public string? Verify(TotpSecret secret, out bool canPrompt) => Verify(secret, out canPrompt, out _);

    /// <summary>As <see cref="Verify(TotpSecret, out bool)"/>, and gives the two codes that proved the device (for the backend's confirm).</summary>
    public string? Verify(TotpSecret secret, out bool canPrompt, out (string First, string Second)? codes)
    {
        if (UsesTerminal) return VerifyOnTerminal(secret, out canPrompt, out codes);
        canPrompt = true;
        codes = null;
        string? reason = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var first = MaskedPrompt.Read(_host, "Code shown now");
            var firstAt = _clock();
            if (first is null) break;
            var second = MaskedPrompt.Read(_host, "Next code (wait for it to change)");
            var secondAt = _clock();
            if (second is null) break;
            reason = DeviceVerification.Check(secret, first, firstAt, second, secondAt);
            if (reason is null)
            {
                codes = (first, second);
                return null;
            }
            if (attempt < Attempts) _host.UI.WriteWarningLine($"{reason} Try again ({Attempts - attempt} left).");
        }
        if (reason is null)
        {
            canPrompt = false;
            return "The session cannot prompt for codes.";
        }
        return reason;
    }

    /// <summary>
    /// Asks for a current code of the device an invitation replaces (<see cref="OldDeviceCode"/>), after writing
    /// <paramref name="note"/> when there is one; null when the session cannot prompt.
    /// </summary>
    public string? ReadOldDeviceCode(string? note)
    {
        if (!UsesTerminal)
        {
            if (note is not null) _host.UI.WriteWarningLine(note);
            return MaskedPrompt.Read(_host, OldDeviceCode.Prompt);
        }
        try
        {
            return TerminalDeviceDialog.ReadOldDeviceCode(note, CancellationToken.None);
        }
        catch (CodeUnavailableException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
    }

    // Ctrl+C at the terminal's masked prompt arrives as a key (the terminal is raw): it stops the pipeline, as Ctrl+C does.
    private string? VerifyOnTerminal(TotpSecret secret, out bool canPrompt, out (string First, string Second)? codes)
    {
        codes = null;
        canPrompt = true;
        try
        {
            var reason = new TerminalDeviceDialog(_clock).Verify(secret, out var proven, CancellationToken.None);
            if (proven is not null) codes = (proven.First, proven.Second);
            return reason;
        }
        catch (CodeUnavailableException e)
        {
            canPrompt = false;
            return e.Message;
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
    }
}
