using System.Text;
using System.Text.Json;
using StsFtw.Cli.Arguments;
using StsFtw.Client.Codes;
using StsFtw.Client.Enrollment;
using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Hosting;
using StsFtw.Core.Totp;
using StsFtw.Core.Validation;
using StsFtw.PowerShell.Engine;

namespace StsFtw.Cli.Commands;

/// <summary>
/// <c>enroll</c>: New-StsEnrollment on the command line, through the same engine (<see cref="EnrollmentAdmin"/>). A new
/// secret's QR code goes to the terminal, two consecutive codes typed there prove the device, and only then is the
/// entry written. Standard output gets one line (or JSON) without the secret. The admin's AWS credentials and region
/// come from the AWS SDK's own chain.
/// </summary>
internal static class EnrollCommand
{
    public static async Task<int> RunAsync(string[] args, IEnvironmentVariables environment, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var arguments = EnrollArguments.Parse(args, environment);
        var account = AccountOf(arguments);
        if (arguments.QrFile is not null && QrCodeFile.CheckPath(arguments.QrFile, "--qr-file") is { } pathProblem) throw new UsageException(pathProblem);

        try
        {
            using var admin = EnrollmentAdmin.Connect(new AdminConnection(arguments.TableName, arguments.Region, arguments.KmsKeyId));
            // An item holding only an invitation has no device yet: enrolled without --force, the whole item replaced
            // (invitation and pending secret in the same write), as New-StsEnrollment does (SECURITY.md rule I12).
            var existing = await admin.Store.GetAsync(account, cancellationToken).ConfigureAwait(false);
            var standing = EnrollmentStanding.Of(existing);
            if (standing.HasDevice && !arguments.Force) throw new CommandFailedException($"{account} is already enrolled in {admin.TableName}; --force replaces it (the old device stops working).");
            if (admin.WouldDropCiphertext(existing))
            {
                throw new CommandFailedException($"{account}'s secret is encrypted with KMS; without a KMS key its replacement would be stored in plaintext. Nothing was written; pass --kms-key-id or set STS_KMS_KEY_ID.");
            }
            if (standing.OverwriteNotice is { } notice) await error.WriteLineAsync($"stsftw: {account} {notice}.").ConfigureAwait(false);

            var key = TotpKey.Generate(account.Issuer, account.AccountName);
            var qrFile = arguments.QrFile is null ? null : Path.GetFullPath(arguments.QrFile);
            if (qrFile is not null) QrCodeFile.Write(qrFile, key.ToUri());
            var problem = ProveDevice(key, arguments.ShowUri, qrFile, cancellationToken);
            if (problem is not null) throw new CommandFailedException($"{problem} Nothing was written; run the command again for a new code.");

            AuthEntry entry;
            try
            {
                entry = await admin.EnrollAsync(key, arguments.Roles, arguments.SecondaryAuthorizers, standing, arguments.Force, cancellationToken).ConfigureAwait(false);
            }
            catch when (qrFile is not null)
            {
                File.Delete(qrFile); // The secret was never stored: its QR file goes too.
                throw;
            }
            await output.WriteLineAsync(arguments.Json ? Json(entry, admin.TableName) : Summary(entry, admin.TableName, standing)).ConfigureAwait(false);
            return CliApp.Success;
        }
        catch (AdminSetupException e)
        {
            throw new CommandFailedException(CliApp.OneLine(e.Message));
        }
        catch (DependencyFailureException e)
        {
            throw new CommandFailedException(CliApp.OneLine(e.Message));
        }
        catch (EnrollmentExistsException e)
        {
            throw new CommandFailedException(CliApp.OneLine(e.Message) + " Nothing was written.");
        }
        catch (CodeUnavailableException e)
        {
            throw new CommandFailedException(CliApp.OneLine(e.Message) + " Nothing was written.");
        }
        catch (OperationCanceledException)
        {
            throw new CommandFailedException("The enrollment was cancelled; nothing was written.", CliApp.Interrupted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"The QR code file could not be written: {CliApp.OneLine(e.Message)}");
        }
    }

    // A QR file of a secret that was never enrolled is only a secret lying about: it goes when the device is not proven.
    private static string? ProveDevice(TotpKey key, bool showUri, string? qrFile, CancellationToken cancellationToken)
    {
        var proven = false;
        try
        {
            var problem = new TerminalDeviceDialog(() => DateTimeOffset.UtcNow).Run(key, showUri, cancellationToken);
            proven = problem is null;
            return problem;
        }
        finally
        {
            if (!proven && qrFile is not null) File.Delete(qrFile);
        }
    }

    // The rules New-StsEnrollment applies before it touches the table.
    private static AccountKey AccountOf(EnrollArguments arguments)
    {
        if ((InputRules.CheckIssuer(arguments.Issuer) ?? InputRules.CheckAccountName(arguments.AccountName, "--account-name")) is { } problem)
        {
            throw new UsageException(problem);
        }
        if (EnrollmentAccessRules.Check(arguments.AccountName, arguments.Roles, arguments.SecondaryAuthorizers, "--roles", "--secondary-authorizers") is { } access)
        {
            throw new UsageException(access);
        }
        return new AccountKey(arguments.Issuer, arguments.AccountName);
    }

    private static string Storage(AuthEntry entry) => entry.Secret.HasCiphertext ? "Kms" : "Plaintext";

    internal static string Summary(AuthEntry entry, string tableName, EnrollmentStanding before) =>
        $"Enrolled {entry.Account.AccountName} ({entry.Account.Issuer}) in {tableName}: roles {(entry.Roles.Count == 0 ? "(none)" : string.Join(",", entry.Roles))}" +
        (entry.SecondaryAuthorizers.Count == 0 ? string.Empty : $"; co-signers {string.Join(",", entry.SecondaryAuthorizers)}") +
        $"; secret {(entry.Secret.HasCiphertext ? "encrypted with KMS" : "stored in plaintext")}" +
        (before.EndsInvitation ? "; the outstanding invitation no longer works." : ".");

    internal static string Json(AuthEntry entry, string tableName)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Issuer", entry.Account.Issuer);
            json.WriteString("AccountName", entry.Account.AccountName);
            json.WriteString("TableName", tableName);
            json.WriteStartArray("Roles");
            foreach (var role in entry.Roles) json.WriteStringValue(role);
            json.WriteEndArray();
            json.WriteStartArray("SecondaryAuthorizers");
            foreach (var secondary in entry.SecondaryAuthorizers) json.WriteStringValue(secondary);
            json.WriteEndArray();
            json.WriteString("SecretStorage", Storage(entry));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
