using System.Text;
using System.Text.Json;
using StsFtw.Cli.Arguments;
using StsFtw.Client.Codes;
using StsFtw.Client.Endpoint;
using StsFtw.Client.Enrollment;
using StsFtw.Core.Hosting;

namespace StsFtw.Cli.Commands;

/// <summary>
/// <c>enroll --invitation CODE</c>: Register-StsDevice on the command line. Redeems the invitation, draws the new
/// secret's QR code on the terminal (never standard output; the URI only with --show-uri), reads two codes there,
/// checks them, and confirms them with the endpoint. Standard output gets one line (or JSON) without the secret.
/// </summary>
internal static class InvitationEnrollCommand
{
    public static async Task<int> RunAsync(string[] args, IEnvironmentVariables environment, TextWriter output, CancellationToken cancellationToken)
    {
        var arguments = InvitationArguments.Parse(args, environment);
        if (!CredentialEndpoint.TryCreate(arguments.Endpoint, out var endpoint, out var reason)) throw new UsageException(reason);
        var start = new EnrollmentStartInput(arguments.Issuer, arguments.AccountName, arguments.InvitationCode);
        if (start.Validate() is { Count: > 0 } problems) throw new UsageException(string.Join(" ", problems));

        if (!TerminalDeviceDialog.IsAvailable())
        {
            throw new CommandFailedException("There is no terminal to show the QR code on and ask for the two codes that prove the device. Nothing was redeemed; run stsftw enroll --invitation at a terminal.");
        }
        try
        {
            using var client = new EnrollmentEndpointClient(endpoint!);
            var pending = await RedeemAsync(client, start, cancellationToken).ConfigureAwait(false);

            var problem = new TerminalDeviceDialog(() => DateTimeOffset.UtcNow).Run(pending.Key, arguments.ShowUri, out var codes, cancellationToken);
            if (problem is not null) throw new CommandFailedException($"{problem} The device is not enrolled; your admin can send a new invitation.");

            var confirm = new EnrollmentConfirmInput(arguments.Issuer, arguments.AccountName, arguments.InvitationCode, codes!.First, codes.Second);
            var confirmed = await client.ConfirmAsync(confirm, cancellationToken).ConfigureAwait(false);
            if (!confirmed.Succeeded) throw new CommandFailedException(CliApp.OneLine(confirmed.Failure!.Message));
            await output.WriteLineAsync(arguments.Json ? Json(confirmed.Value!) : Summary(confirmed.Value!)).ConfigureAwait(false);
            return CliApp.Success;
        }
        catch (CodeUnavailableException e)
        {
            throw new CommandFailedException(CliApp.OneLine(e.Message) + " The device is not enrolled.");
        }
        catch (OperationCanceledException)
        {
            throw new CommandFailedException("The enrollment was cancelled; the device is not enrolled.", CliApp.Interrupted);
        }
    }

    // A rotation: the endpoint asks for a current code of the old device, which is asked for on the terminal
    // (OldDeviceCode says when); a typo is caught here, so it costs no counted failure.
    private static async Task<PendingEnrollment> RedeemAsync(EnrollmentEndpointClient client, EnrollmentStartInput start, CancellationToken cancellationToken)
    {
        var started = await client.StartAsync(start, cancellationToken).ConfigureAwait(false);
        var asked = 0;
        string? note = null;
        while (OldDeviceCode.ShouldAsk(started, givenByCaller: false, asked))
        {
            var typed = TerminalDeviceDialog.ReadOldDeviceCode(note, cancellationToken);
            asked++;
            if (OldDeviceCode.CheckTyped(typed) is { } typo)
            {
                note = typo;
                continue;
            }
            started = await client.StartAsync(start with { CurrentCode = typed }, cancellationToken).ConfigureAwait(false);
            note = OldDeviceCode.NotAccepted(asked);
        }
        if (!started.Succeeded) throw new CommandFailedException(CliApp.OneLine(OldDeviceCode.Explain(started.Failure!, asked).Message));
        return started.Value!;
    }

    internal static string Summary(EnrollmentConfirmation confirmation) =>
        $"Enrolled a new device for {confirmation.AccountName} ({confirmation.Issuer}){(confirmation.Rotation ? "; the old device no longer works" : string.Empty)}.";

    internal static string Json(EnrollmentConfirmation confirmation)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Issuer", confirmation.Issuer);
            json.WriteString("AccountName", confirmation.AccountName);
            json.WriteString("Status", "Active");
            json.WriteBoolean("Rotation", confirmation.Rotation);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
