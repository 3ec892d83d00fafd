using System.Text.RegularExpressions;

namespace StsFtw.Testing.Hygiene;

/// <summary>
/// Finds secrets in a line of text: every value a <see cref="SecretLedger"/> knows (codes only as a standalone
/// six-digit token), and, knowing nothing, anything shaped like a secret: an otpauth URI, a base32 run of 32 or more
/// characters (a 160-bit TOTP secret), a value assigned to a secret key or session token, a stand-in's marked credential, an invitation code.
/// </summary>
public static partial class SecretDetector
{
    private static readonly string[] Placeholders = ["[redacted]", "***", "<redacted>"];

    /// <summary>The secrets in <paramref name="line"/>; empty when it is clean.</summary>
    public static IReadOnlyList<SecretFinding> Scan(string line, SecretLedger? ledger = null, IReadOnlySet<string>? codes = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        var findings = new List<SecretFinding>();
        if (ledger is not null)
        {
            foreach (var (value, kind) in ledger.Values)
            {
                var at = line.IndexOf(value, StringComparison.Ordinal);
                if (at >= 0) findings.Add(new SecretFinding(kind, "known " + kind, at, value.Length));
            }
            codes ??= ledger.CodesNow();
        }
        if (codes is { Count: > 0 })
        {
            foreach (Match token in SixDigitToken().Matches(line))
            {
                if (codes.Contains(token.Value)) findings.Add(new SecretFinding(SecretKind.Code, "known code", token.Index, token.Length));
            }
        }
        foreach (Match uri in OtpAuthScheme().Matches(line)) findings.Add(new SecretFinding(SecretKind.OtpAuthUri, "otpauth URI", uri.Index, uri.Length));
        foreach (Match code in InvitationCodeShape().Matches(line)) findings.Add(new SecretFinding(SecretKind.InvitationCode, "invitation code", code.Index, code.Length));
        foreach (Match run in Base32Run().Matches(line)) findings.Add(new SecretFinding(SecretKind.TotpSecret, "base32 run", run.Index, run.Length));
        foreach (Match assignment in CredentialAssignment().Matches(line))
        {
            var value = assignment.Groups["value"];
            if (Placeholders.Any(p => value.Value.StartsWith(p, StringComparison.Ordinal))) continue;
            var kind = assignment.Groups["name"].Value.Contains("oken", StringComparison.OrdinalIgnoreCase) ? SecretKind.SessionToken : SecretKind.SecretAccessKey;
            findings.Add(new SecretFinding(kind, "credential assignment", value.Index, value.Length));
        }
        Marker(line, StandInSecretMarkers.SecretAccessKey, SecretKind.SecretAccessKey, findings);
        Marker(line, StandInSecretMarkers.SessionToken, SecretKind.SessionToken, findings);
        Marker(line, StandInSecretMarkers.SigninToken, SecretKind.SigninToken, findings);
        foreach (Match token in SigninTokenParameter().Matches(line)) findings.Add(new SecretFinding(SecretKind.SigninToken, "SigninToken parameter", token.Index, token.Length));
        return findings;
    }

    /// <summary><paramref name="line"/> with every finding replaced by its kind, safe to print in a failure message.</summary>
    public static string Mask(string line, IEnumerable<SecretFinding> findings)
    {
        var masked = line.ToCharArray();
        foreach (var finding in findings)
        {
            for (var i = finding.Index; i < finding.Index + finding.Length && i < masked.Length; i++) masked[i] = '#';
        }
        var text = new string(masked);
        return text.Length > 400 ? text[..400] + "…" : text;
    }

    private static void Marker(string line, string marker, SecretKind kind, List<SecretFinding> findings)
    {
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0) findings.Add(new SecretFinding(kind, "stand-in credential marker", at, marker.Length));
    }

    // Six digits not joined to other letters or digits: "code 123456" but not a timestamp, a port or a GUID.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{6}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex SixDigitToken();

    // A sign-in URL's token, whoever issued it: the URL signs a person in to the console.
    [GeneratedRegex(@"SigninToken=[A-Za-z0-9%_.~-]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex SigninTokenParameter();

    [GeneratedRegex(@"otpauth(?:%3A|:)(?://|%2F%2F)\S*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtpAuthScheme();

    // inv1 and 32 base32 characters, grouped by hyphens or spaces or not (docs/INVITATIONS.md), in any case.
    [GeneratedRegex(@"(?<![A-Za-z0-9])inv1(?:[- ]?[A-Z2-7]{4}){8}(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InvitationCodeShape();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z2-7]{32,}=*(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Base32Run();

    // SecretAccessKey / SessionToken / aws_secret_access_key / AWS_SESSION_TOKEN followed by ':' or '=' and a value.
    [GeneratedRegex(@"(?<name>SecretAccessKey|SessionToken|secret_access_key|session_token)[""']?\s*[:=]\s*[""']?(?<value>[^\s""',;}]{8,})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialAssignment();
}
