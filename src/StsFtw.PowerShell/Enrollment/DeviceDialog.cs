using System.Management.Automation.Host;
using StsFtw.Client.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.PowerShell.Hosting;

namespace StsFtw.PowerShell.Enrollment;

/// <summary>
/// The conversation with the person enrolling a device: show the QR code and the otpauth URI on the host, then ask
/// for two consecutive codes (masked), with a few tries.
/// </summary>
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
    }

    /// <summary>Writes the QR code (black on white) and the URI to the host; they hold the secret, so they go nowhere else.</summary>
    public void Show(TotpKey key) => Show(key, showUri: true);

    /// <summary>Writes the QR code (black on white) to the host, and the URI only when <paramref name="showUri"/> is set.</summary>
    public void Show(TotpKey key, bool showUri)
    {
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
}
