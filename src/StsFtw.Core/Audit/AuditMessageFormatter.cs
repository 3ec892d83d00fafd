using System.Globalization;
using System.Text;
using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Audit;

/// <summary>
/// Renders audit events as e-mail text. A mint keeps STSFTW's lines ("... has minted new STS credentials:",
/// Issuer, Account Name, AWS Role) and adds the co-signer, time, source address and request id.
/// </summary>
/// <remarks>
/// Subjects are printable ASCII under 100 characters, as SNS requires. Only mints (and their follow-ups) and enrolled
/// devices name anyone in the subject: their names were authenticated (an enrollment by its invitation code and two codes). Refusals, locks and failed codes come from requests nobody has
/// authenticated, so their subjects carry no name and their bodies show each name from the request quoted, escaped and
/// bounded (<see cref="AuditText.Quote"/>), under a line saying so (SECURITY.md, "Someone who can read the logs or the
/// audit topic").
/// </remarks>
public static class AuditMessageFormatter
{
    /// <summary>Longest subject SNS accepts is 100; stay under it.</summary>
    public const int MaximumSubjectLength = 99;

    /// <summary>The line that precedes the names in a message about an unauthenticated request.</summary>
    public const string UnverifiedNamesNote = "Names below are as the request sent them; nobody was authenticated by it.";

    /// <summary>Renders one event.</summary>
    public static AuditMessage Format(AuditEvent auditEvent) => auditEvent switch
    {
        CredentialsMinted e => new AuditMessage(
            Subject($"StsFtw: credentials minted for {e.Account.AccountName} ({e.Role})"),
            Body("StsFtw has minted new STS credentials:", e, Plain,
                ("AWS Role", e.Role),
                ("Secondary Authorizer", e.SecondaryAccountName ?? "none"),
                ("Session Duration", e.DurationSeconds.ToString(CultureInfo.InvariantCulture) + " s")),
            "CredentialsMinted"),
        MintFailed e => new AuditMessage(
            Subject($"StsFtw: minting failed for {e.Account.AccountName} ({e.Role})"),
            Body("StsFtw announced a mint but STS did not issue credentials; nothing was returned:", e, Plain,
                ("AWS Role", e.Role),
                ("Secondary Authorizer", e.SecondaryAccountName ?? "none"),
                ("Reason", e.Reason)),
            "MintFailed"),
        RequestRefused e => new AuditMessage(
            "StsFtw: request refused",
            Body("StsFtw refused a credential request:\n" + UnverifiedNamesNote, e, AuditText.Quote,
                ("AWS Role", e.Role is null ? "-" : AuditText.Quote(e.Role)),
                ("Secondary Authorizer", e.SecondaryAccountName is null ? "none" : AuditText.Quote(e.SecondaryAccountName)),
                ("Reason", e.Reason)),
            "RequestRefused"),
        AccountLocked e => new AuditMessage(
            "StsFtw: account locked",
            Body("StsFtw has locked an account after repeated failed codes:\n" + UnverifiedNamesNote, e, AuditText.Quote,
                ("Locked Until", Stamp(e.LockedUntil)),
                ("Failed Attempts", e.FailedAttempts.ToString(CultureInfo.InvariantCulture)),
                ("Lock Reason", e.Cause == LockCause.FailureBudgetSpent ? "failure budget spent (locked until its window closes)" : "consecutive failed codes"),
                ("Failed As", e.AsSecondary ? "secondary authorizer for " + (e.PrimaryAccountName is null ? "-" : AuditText.Quote(e.PrimaryAccountName)) : "primary")),
            "AccountLocked"),
        FailedCodes e => new AuditMessage(
            "StsFtw: repeated failed codes for an account",
            Body("StsFtw has refused repeated wrong codes for an enrolled account (not locked yet):\n" + UnverifiedNamesNote, e, AuditText.Quote,
                ("Failures In Window", $"{e.WindowFailures.ToString(CultureInfo.InvariantCulture)} of {e.Budget.ToString(CultureInfo.InvariantCulture)} tolerated"),
                ("Window Opened", Stamp(e.WindowStart)),
                ("Failed As", e.AsSecondary ? "secondary authorizer" : "primary")),
            "FailedCodes"),
        DeviceEnrolled e => new AuditMessage(
            Subject($"StsFtw: device enrolled for {e.Account.AccountName}"),
            Body("StsFtw has enrolled a device by invitation (the invitation code and two codes of the new device were verified):", e, Plain,
                ("Enrollment", !e.Rotation ? "first device" : e.LostDevice ? "new device replacing a LOST device (old device's code waived by the admin)" : "new device replacing the old one (old device's code verified)")),
            "DeviceEnrolled"),
        _ => throw new ArgumentOutOfRangeException(nameof(auditEvent), auditEvent.GetType().Name, "Unknown audit event."),
    };

    private static string Plain(string value) => value;

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Body(string headline, AuditEvent e, Func<string, string> name, params (string Label, string Value)[] details)
    {
        var builder = new StringBuilder();
        builder.Append(headline).Append('\n');
        Line(builder, "Issuer", name(e.Account.Issuer));
        Line(builder, "Account Name", name(e.Account.AccountName));
        foreach (var (label, value) in details) Line(builder, label, value);
        Line(builder, "Time", Stamp(e.Time));
        Line(builder, "Source Address", e.Request.SourceAddress ?? "unknown");
        Line(builder, "Request Id", e.Request.RequestId);
        return builder.ToString();
    }

    private static void Line(StringBuilder builder, string label, string value) =>
        builder.Append(label).Append(": ").Append(OneLine(value)).Append('\n');

    private static string OneLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value) builder.Append(char.IsControl(c) ? ' ' : c);
        return builder.ToString();
    }

    private static string Subject(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaximumSubjectLength));
        foreach (var c in text)
        {
            if (builder.Length == MaximumSubjectLength) break;
            builder.Append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return builder.ToString();
    }
}
