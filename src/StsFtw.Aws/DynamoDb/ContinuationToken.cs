using System.Text;
using Amazon.DynamoDBv2.Model;
using StsFtw.Core.Accounts;

namespace StsFtw.Aws.DynamoDb;

/// <summary>
/// The opaque listing token: the <c>LastEvaluatedKey</c> of a Query or Scan as <c>v1.</c> + base64url(issuer) +
/// <c>.</c> + base64url(account_name). Hand-written so it needs no reflection (trim and AOT safe).
/// </summary>
internal static class ContinuationToken
{
    private const string Prefix = "v1.";

    /// <summary>Longest token accepted (both names are at most a few hundred bytes).</summary>
    public const int MaximumLength = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The token for the position after <paramref name="lastKey"/>.</summary>
    public static string Encode(AccountKey lastKey) =>
        Prefix + ToBase64Url(lastKey.Issuer) + "." + ToBase64Url(lastKey.AccountName);

    /// <summary>The token for a <c>LastEvaluatedKey</c>; null when there is none (the last page).</summary>
    public static string? FromLastEvaluatedKey(Dictionary<string, AttributeValue>? lastEvaluatedKey)
    {
        if (lastEvaluatedKey is null || lastEvaluatedKey.Count == 0) return null;
        lastEvaluatedKey.TryGetValue(AuthTableAttributes.Issuer, out var issuer);
        lastEvaluatedKey.TryGetValue(AuthTableAttributes.AccountName, out var account);
        if (issuer?.S is null || account?.S is null)
        {
            throw new InvalidDataException("The table returned a LastEvaluatedKey without the issuer and account_name keys.");
        }
        return Encode(new AccountKey(issuer.S, account.S));
    }

    /// <summary>Decodes a token; throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> when it is malformed.</summary>
    public static AccountKey Decode(string token, string parameterName)
    {
        if (token.Length > MaximumLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw Malformed(parameterName);
        }
        var parts = token.Substring(Prefix.Length).Split('.');
        if (parts.Length != 2) throw Malformed(parameterName);
        var issuer = FromBase64Url(parts[0], parameterName);
        var account = FromBase64Url(parts[1], parameterName);
        if (issuer.Length == 0 || account.Length == 0) throw Malformed(parameterName);
        return new AccountKey(issuer, account);
    }

    private static string ToBase64Url(string text) =>
        Convert.ToBase64String(StrictUtf8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text, string parameterName)
    {
        foreach (var c in text)
        {
            var ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) throw Malformed(parameterName);
        }
        if (text.Length % 4 == 1) throw Malformed(parameterName);
        var padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4);
        try
        {
            return StrictUtf8.GetString(Convert.FromBase64String(padded));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw Malformed(parameterName);
        }
    }

    private static ArgumentException Malformed(string parameterName) =>
        new("The continuation token is malformed; pass back exactly the token a previous page returned.", parameterName);
}
