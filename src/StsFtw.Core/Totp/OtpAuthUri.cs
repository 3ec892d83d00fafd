using System.Text;

namespace StsFtw.Core.Totp;

/// <summary>
/// Builds and parses <c>otpauth://totp/</c> URIs in the Google Authenticator key-URI format, byte for byte as
/// STSFTW (pquerna/otp) writes its <c>url</c> attribute:
/// <c>otpauth://totp/Issuer:account?algorithm=SHA1&amp;digits=6&amp;issuer=Issuer&amp;period=30&amp;secret=BASE32</c>.
/// </summary>
/// <remarks>
/// Parsing accepts only what rule 1 allows (SHA-1, 6 digits, 30 s, a secret of at least 160 bits); anything else
/// is refused with a reason rather than silently verified with other parameters. Error messages never contain
/// the secret.
/// </remarks>
public static class OtpAuthUri
{
    /// <summary>Longest URI accepted by <see cref="TryParse"/>.</summary>
    public const int MaximumLength = 2048;

    private const string Prefix = "otpauth://totp/";

    /// <summary>Formats a key as its URI. The result contains the secret.</summary>
    public static string Format(TotpKey key)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        var builder = new StringBuilder(Prefix.Length + 160);
        builder.Append(Prefix)
            .Append(EscapePath(key.Issuer)).Append(':').Append(EscapePath(key.AccountName))
            .Append("?algorithm=").Append(TotpKey.Algorithm)
            .Append("&digits=").Append(TotpKey.Digits)
            .Append("&issuer=").Append(EscapeQuery(key.Issuer))
            .Append("&period=").Append(TotpKey.PeriodSeconds)
            .Append("&secret=").Append(key.Secret.ToBase32());
        return builder.ToString();
    }

    /// <summary>Parses a URI; on failure <paramref name="error"/> says why (without the secret).</summary>
    public static bool TryParse(string? uri, out TotpKey? key, out string error)
    {
        key = null;
        if (string.IsNullOrEmpty(uri)) return Fail("the URI is empty", out error);
        if (uri!.Length > MaximumLength) return Fail($"the URI is longer than {MaximumLength} characters", out error);
        if (!uri.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Fail("the URI does not start with otpauth://totp/", out error);
        }

        var rest = uri.Substring(Prefix.Length);
        var queryStart = rest.IndexOf('?');
        var rawLabel = queryStart < 0 ? rest : rest.Substring(0, queryStart);
        var rawQuery = queryStart < 0 ? string.Empty : rest.Substring(queryStart + 1);

        if (!TryUnescape(rawLabel, plusIsSpace: false, out var label)) return Fail("the label is not valid percent-encoding", out error);
        if (!TryReadQuery(rawQuery, out var parameters, out error)) return false;

        string? labelIssuer = null;
        var account = label;
        var colon = label.IndexOf(':');
        if (colon >= 0)
        {
            labelIssuer = label.Substring(0, colon);
            account = label.Substring(colon + 1).TrimStart(' ');
        }

        parameters.TryGetValue("issuer", out var parameterIssuer);
        if (labelIssuer is not null && parameterIssuer is not null && !string.Equals(labelIssuer, parameterIssuer, StringComparison.Ordinal))
        {
            return Fail("the issuer in the label differs from the issuer parameter", out error);
        }

        var issuer = parameterIssuer ?? labelIssuer;
        if (string.IsNullOrEmpty(issuer)) return Fail("the URI names no issuer", out error);
        if (account.Length == 0) return Fail("the URI names no account", out error);

        if (parameters.TryGetValue("algorithm", out var algorithm) && !string.Equals(algorithm, TotpKey.Algorithm, StringComparison.OrdinalIgnoreCase))
        {
            return Fail("only the SHA1 algorithm is supported", out error);
        }
        if (parameters.TryGetValue("digits", out var digits) && digits != TotpKey.Digits.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return Fail($"only {TotpKey.Digits}-digit codes are supported", out error);
        }
        if (parameters.TryGetValue("period", out var period) && period != TotpKey.PeriodSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return Fail($"only a {TotpKey.PeriodSeconds}-second period is supported", out error);
        }
        if (!parameters.TryGetValue("secret", out var secretText)) return Fail("the URI has no secret", out error);

        var secret = TotpSecret.TryParseBase32(secretText);
        if (secret is null)
        {
            return Fail($"the secret is not base32 of {TotpSecret.MinimumLengthBytes * 8} to {TotpSecret.MaximumLengthBytes * 8} bits", out error);
        }

        key = new TotpKey(issuer!, account, secret);
        error = string.Empty;
        return true;
    }

    /// <summary>Parses a URI or throws <see cref="FormatException"/> with the reason (never the secret).</summary>
    public static TotpKey Parse(string uri) =>
        TryParse(uri, out var key, out var error) ? key! : throw new FormatException($"Not a usable otpauth URI: {error}.");

    private static bool TryReadQuery(string rawQuery, out Dictionary<string, string> parameters, out string error)
    {
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in rawQuery.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var rawName = equals < 0 ? pair : pair.Substring(0, equals);
            var rawValue = equals < 0 ? string.Empty : pair.Substring(equals + 1);
            if (!TryUnescape(rawName, plusIsSpace: true, out var name) || !TryUnescape(rawValue, plusIsSpace: true, out var value))
            {
                return Fail("a query parameter is not valid percent-encoding", out error);
            }
            if (parameters.ContainsKey(name)) return Fail($"the parameter '{Printable(name)}' appears twice", out error);
            parameters[name] = value;
        }
        error = string.Empty;
        return true;
    }

    private static bool TryUnescape(string text, bool plusIsSpace, out string value)
    {
        if (plusIsSpace) text = text.Replace('+', ' ');
        for (var i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%', i + 1))
        {
            if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
            {
                value = string.Empty;
                return false;
            }
        }
        value = Uri.UnescapeDataString(text);
        return true;
    }

    // Go's url.URL path escaping: unreserved characters and $&+,/:;=@ stay, everything else is %XX of UTF-8.
    private static string EscapePath(string text) => Escape(text, c => IsUnreserved(c) || "$&+,/:;=@".IndexOf(c) >= 0, spaceAsPlus: false);

    // Go's url.QueryEscape: unreserved characters stay, space becomes '+', everything else is %XX of UTF-8.
    private static string EscapeQuery(string text) => Escape(text, IsUnreserved, spaceAsPlus: true);

    private static string Escape(string text, Func<char, bool> keep, bool spaceAsPlus)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (b < 0x80 && keep(c)) builder.Append(c);
            else if (spaceAsPlus && c == ' ') builder.Append('+');
            else builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static bool IsUnreserved(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static string Printable(string text) => text.Length > 32 ? text.Substring(0, 32) + "..." : text;

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}
