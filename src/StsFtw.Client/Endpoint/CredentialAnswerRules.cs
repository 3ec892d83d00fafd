using System.Globalization;
using StsFtw.Core.Validation;

namespace StsFtw.Client.Endpoint;

/// <summary>
/// What a 200 answer of the credential endpoint may hold: each field as AWS STS issues it, or the answer is refused.
/// Each check returns null when the value is acceptable, else the field and the rule it breaks, never the value (it
/// may be a secret). SECURITY.md, "The person's side", rule A1.
/// </summary>
/// <remarks>
/// An endpoint is only configuration (for example a repository's environment can set <c>STS_ENDPOINT</c>), so its
/// answer is untrusted input: it goes into <c>eval</c> lines, <c>~/.aws/credentials</c>, the terminal and the cache.
/// Only temporary keys (<c>ASIA…</c>) are accepted: the broker only ever returns an <c>AssumeRole</c> session, and a
/// long-term key (<c>AKIA…</c>) on the laptop is what the whole design avoids.
/// </remarks>
public static class CredentialAnswerRules
{
    /// <summary>Longest session token accepted. AWS's are 300 to about 2,000 characters; this bounds them generously.</summary>
    public const int MaximumSessionTokenLength = 8192;

    /// <summary>Length of an AWS secret access key.</summary>
    public const int SecretAccessKeyLength = 40;

    /// <summary>Longest role ARN or assumed-role ARN accepted (IAM's own limit for a role ARN).</summary>
    public const int MaximumArnLength = 2048;

    /// <summary>
    /// How far the endpoint's clock may run ahead of this machine's when judging the expiration: 15 minutes, the most
    /// a signed AWS request may be off (S3's limit; most services allow 5). A clock further behind than that refuses
    /// every answer, and the error says to check the clock.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>Checks every field of <paramref name="credentials"/>; null when all are as AWS issues them.</summary>
    /// <param name="credentials">The answer as read.</param>
    /// <param name="expirationText">The answer's <c>Expiration</c> member as sent (null when absent: an STSFTW backend sends none).</param>
    /// <param name="requestedSeconds">The duration asked for; null asks for the backend's default (at most an hour).</param>
    /// <param name="now">This machine's time.</param>
    public static string? Check(BrokeredCredentials credentials, string? expirationText, int? requestedSeconds, DateTimeOffset now)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        return CheckAccessKeyId(credentials.AccessKeyId)
            ?? CheckSecretAccessKey(credentials.SecretAccessKey)
            ?? CheckSessionToken(credentials.SessionToken)
            ?? CheckExpiration(expirationText, requestedSeconds, now)
            ?? CheckArn(credentials.RoleArn, "RoleArn")
            ?? CheckArn(credentials.AssumedRoleArn, "AssumedRoleArn")
            ?? CheckName(credentials.Issuer, InputRules.CheckIssuer)
            ?? CheckName(credentials.AccountName, v => InputRules.CheckAccountName(v))
            ?? CheckName(credentials.SecondaryAccountName, v => InputRules.CheckAccountName(v, "SecondaryAccountName"));
    }

    /// <summary>A temporary access key id: <c>ASIA</c> and 16 upper-case letters or digits.</summary>
    public static string? CheckAccessKeyId(string? value) =>
        value is { Length: 20 } && value.StartsWith("ASIA", StringComparison.Ordinal) && value.Skip(4).All(IsUpperAlphanumeric)
            ? null
            : "AccessKeyId is not a temporary AWS access key id (ASIA and 16 upper-case letters or digits).";

    /// <summary>A secret access key: 40 characters of A–Z, a–z, 0–9, / and +.</summary>
    public static string? CheckSecretAccessKey(string? value) =>
        value is { Length: SecretAccessKeyLength } && value.All(c => IsBase64Letter(c) && c != '=')
            ? null
            : "SecretAccessKey is not 40 characters of A-Z, a-z, 0-9, / and +.";

    /// <summary>A session token: 1 to <see cref="MaximumSessionTokenLength"/> characters of the base64 alphabet.</summary>
    public static string? CheckSessionToken(string? value) =>
        value is { Length: > 0 and <= MaximumSessionTokenLength } && value.All(IsBase64Letter)
            ? null
            : string.Format(CultureInfo.InvariantCulture, "SessionToken is not 1 to {0} characters of A-Z, a-z, 0-9, /, + and =.", MaximumSessionTokenLength);

    /// <summary>
    /// An ISO 8601 UTC time after <paramref name="now"/> and no later than the duration asked for (else an hour, the
    /// longest role chaining allows) plus <see cref="ClockSkew"/>. Absent is accepted (an STSFTW backend sends none).
    /// </summary>
    public static string? CheckExpiration(string? text, int? requestedSeconds, DateTimeOffset now)
    {
        if (text is null) return null;
        if (ReadExpiration(text) is not { } expiration) return "Expiration is not an ISO 8601 UTC time (2026-11-30T11:00:00Z).";
        if (expiration <= now) return "Expiration is not in the future (or this machine's clock is ahead).";
        var longest = TimeSpan.FromSeconds(requestedSeconds ?? InputRules.MaximumDurationSeconds) + ClockSkew;
        return expiration - now > longest ? "Expiration is later than the session asked for (or this machine's clock is behind)." : null;
    }

    /// <summary>An ISO 8601 UTC time (<c>Z</c> or <c>+00:00</c>, optional fraction of a second); null otherwise.</summary>
    public static DateTimeOffset? ReadExpiration(string? text)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        return text is { Length: <= 40 }
            && DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
            && moment.Offset == TimeSpan.Zero
            && (text.EndsWith("Z", StringComparison.Ordinal) || text.EndsWith("+00:00", StringComparison.Ordinal))
                ? moment
                : null;
    }

    private static string? CheckArn(string? value, string field) =>
        value is null || (value.Length is > 0 and <= MaximumArnLength && value.StartsWith("arn:", StringComparison.Ordinal) && value.All(IsPrintableAsciiWithoutSpace))
            ? null
            : string.Format(CultureInfo.InvariantCulture, "{0} is not an ARN of at most {1} printable ASCII characters.", field, MaximumArnLength);

    private static string? CheckName(string? value, Func<string, string?> rule) => value is null ? null : rule(value);

    private static bool IsUpperAlphanumeric(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    private static bool IsBase64Letter(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '/' or '+' or '=';

    private static bool IsPrintableAsciiWithoutSpace(char c) => c is > ' ' and < '\x7f';
}
