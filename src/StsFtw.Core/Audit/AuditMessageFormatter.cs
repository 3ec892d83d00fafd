using System.Globalization;
using System.Text;

namespace StsFtw.Core.Audit;

/// <summary>
/// Renders audit events as e-mail text. A mint keeps STSFTW's lines ("... has minted new STS credentials:",
/// Issuer, Account Name, AWS Role) and adds the co-signer, time, source address and request id.
/// </summary>
/// <remarks>
/// Names reach here validated (no control characters), so they cannot forge extra lines. Subjects are printable
/// ASCII under 100 characters, as SNS requires.
/// </remarks>
public static class AuditMessageFormatter
{
    /// <summary>Longest subject SNS accepts is 100; stay under it.</summary>
    public const int MaximumSubjectLength = 99;

    /// <summary>Renders one event.</summary>
    public static AuditMessage Format(AuditEvent auditEvent) => auditEvent switch
    {
        CredentialsMinted e => new AuditMessage(
            Subject($"StsFtw: credentials minted for {e.Account.AccountName} ({e.Role})"),
            Body("StsFtw has minted new STS credentials:", e,
                ("AWS Role", e.Role),
                ("Secondary Authorizer", e.SecondaryAccountName ?? "none"),
                ("Session Duration", e.DurationSeconds.ToString(CultureInfo.InvariantCulture) + " s")),
            "CredentialsMinted"),
        MintFailed e => new AuditMessage(
            Subject($"StsFtw: minting failed for {e.Account.AccountName} ({e.Role})"),
            Body("StsFtw announced a mint but STS did not issue credentials; nothing was returned:", e,
                ("AWS Role", e.Role),
                ("Secondary Authorizer", e.SecondaryAccountName ?? "none"),
                ("Reason", e.Reason)),
            "MintFailed"),
        RequestRefused e => new AuditMessage(
            Subject($"StsFtw: request refused for {e.Account.AccountName}"),
            Body("StsFtw refused a credential request:", e,
                ("AWS Role", e.Role ?? "-"),
                ("Secondary Authorizer", e.SecondaryAccountName ?? "none"),
                ("Reason", e.Reason)),
            "RequestRefused"),
        AccountLocked e => new AuditMessage(
            Subject($"StsFtw: account locked: {e.Account.AccountName}"),
            Body("StsFtw has locked an account after repeated failed codes:", e,
                ("Locked Until", e.LockedUntil.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                ("Failed Attempts", e.FailedAttempts.ToString(CultureInfo.InvariantCulture)),
                ("Failed As", e.AsSecondary ? $"secondary authorizer for {e.PrimaryAccountName}" : "primary")),
            "AccountLocked"),
        _ => throw new ArgumentOutOfRangeException(nameof(auditEvent), auditEvent.GetType().Name, "Unknown audit event."),
    };

    private static string Body(string headline, AuditEvent e, params (string Label, string Value)[] details)
    {
        var builder = new StringBuilder();
        builder.Append(headline).Append('\n');
        Line(builder, "Issuer", e.Account.Issuer);
        Line(builder, "Account Name", e.Account.AccountName);
        foreach (var (label, value) in details) Line(builder, label, value);
        Line(builder, "Time", e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
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
