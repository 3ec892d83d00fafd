using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StsFtw.Client.Endpoint;

namespace StsFtw.Client.Cache;

/// <summary>
/// What a cache entry is for: the endpoint, issuer, account, role, co-signer and session length of the request that
/// produced it. Two requests that differ in any of these never share an entry.
/// </summary>
/// <remarks>
/// <para>
/// The entry's file name is the lower-case hex SHA-256 of <see cref="Canonical"/>, plus <c>.json</c>. The canonical form
/// is UTF-8 text: the line <c>stsftw-credential-cache-key/1</c>, then one line per field in the order endpoint, issuer,
/// account, role, co-signer, duration, each <c>name=LENGTH:value</c> (the length in UTF-16 code units, the value as given;
/// an absent co-signer or duration is empty). The length prefix keeps two different keys from ever joining to the same
/// text. The endpoint is the absolute URI as <see cref="Uri.AbsoluteUri"/> writes it.
/// </para>
/// <para>The file repeats the key, and a read compares it field by field, so a collision or an edited file is a miss.</para>
/// </remarks>
public sealed record CredentialCacheKey
{
    /// <summary>Creates a key; the endpoint is normalised with <see cref="Uri.AbsoluteUri"/>.</summary>
    public CredentialCacheKey(CredentialEndpoint endpoint, string issuer, string accountName, string role, string? secondaryAccountName = null, int? durationSeconds = null)
    {
        if (endpoint is null) throw new ArgumentNullException(nameof(endpoint));
        Endpoint = endpoint.Uri.AbsoluteUri;
        Issuer = issuer ?? throw new ArgumentNullException(nameof(issuer));
        AccountName = accountName ?? throw new ArgumentNullException(nameof(accountName));
        Role = role ?? throw new ArgumentNullException(nameof(role));
        SecondaryAccountName = string.IsNullOrEmpty(secondaryAccountName) ? null : secondaryAccountName;
        DurationSeconds = durationSeconds;
    }

    // For the reader: the endpoint text exactly as stored.
    internal CredentialCacheKey(string endpoint, string issuer, string accountName, string role, string? secondaryAccountName, int? durationSeconds)
    {
        Endpoint = endpoint;
        Issuer = issuer;
        AccountName = accountName;
        Role = role;
        SecondaryAccountName = secondaryAccountName;
        DurationSeconds = durationSeconds;
    }

    /// <summary>The endpoint URL, normalised.</summary>
    public string Endpoint { get; }

    /// <summary>The issuer.</summary>
    public string Issuer { get; }

    /// <summary>The account that asks.</summary>
    public string AccountName { get; }

    /// <summary>The role, as the person named it (name or ARN).</summary>
    public string Role { get; }

    /// <summary>The co-signer, or null.</summary>
    public string? SecondaryAccountName { get; }

    /// <summary>The session length asked for, or null for the backend's default.</summary>
    public int? DurationSeconds { get; }

    /// <summary>The canonical text the file name is the hash of.</summary>
    public string Canonical
    {
        get
        {
            var builder = new StringBuilder("stsftw-credential-cache-key/1\n");
            Field(builder, "endpoint", Endpoint);
            Field(builder, "issuer", Issuer);
            Field(builder, "account", AccountName);
            Field(builder, "role", Role);
            Field(builder, "secondary", SecondaryAccountName ?? string.Empty);
            Field(builder, "duration", DurationSeconds?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            return builder.ToString();
        }
    }

    /// <summary>The entry's file name: 64 lower-case hex digits and <c>.json</c>.</summary>
    public string FileName
    {
        get
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(Canonical));
            return BitConverter.ToString(hash).Replace("-", string.Empty).ToLowerInvariant() + ".json";
        }
    }

    private static void Field(StringBuilder builder, string name, string value) =>
        builder.Append(name).Append('=').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}
