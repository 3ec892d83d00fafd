using StsFtw.Client.Cache;
using StsFtw.Client.Endpoint;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Client.Tests.Support;

/// <summary>Keys and credentials for cache tests. The secrets carry the stand-in markers, so a leak anywhere is recognised.</summary>
public static class CacheSamples
{
    public static readonly CredentialEndpoint SampleEndpoint = CredentialEndpoint.Create("https://sts.example.com/credentials");

    public static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    public static CredentialCacheKey Key(string account = "alice", string role = "admin", string? secondary = null, int? duration = null, CredentialEndpoint? endpoint = null) =>
        new(endpoint ?? SampleEndpoint, "Example", account, role, secondary, duration);

    public static BrokeredCredentials Credentials(string tag, DateTimeOffset? expiration = null)
    {
        var secret = StandInSecretMarkers.SecretAccessKey + tag;
        var token = StandInSecretMarkers.SessionToken + tag;
        SecretLedger.Suite.Remember(SecretKind.SecretAccessKey, secret);
        SecretLedger.Suite.Remember(SecretKind.SessionToken, token);
        return new BrokeredCredentials("ASIA" + tag.ToUpperInvariant(), secret, token)
        {
            Expiration = expiration ?? Now.AddHours(1),
            RoleArn = "arn:aws:iam::123456789012:role/stsftw/admin",
            AssumedRoleArn = "arn:aws:sts::123456789012:assumed-role/admin/stsftw-alice",
            Issuer = "Example",
            AccountName = "alice",
        };
    }

    /// <summary>
    /// Credentials shaped as AWS issues them (ASIA and 16 letters or digits, a 40-character secret, a base64 token), so
    /// the endpoint client's answer rules accept them; the secrets still carry the stand-in markers.
    /// </summary>
    public static BrokeredCredentials RealisticCredentials(string tag)
    {
        var upper = new string(tag.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        var secret = (StandInSecretMarkers.SecretAccessKey + upper).PadRight(40, 'x')[..40];
        var token = StandInSecretMarkers.SessionToken + upper + "/FwoGZXIvYXdzEExample+Token==";
        SecretLedger.Suite.Remember(SecretKind.SecretAccessKey, secret);
        SecretLedger.Suite.Remember(SecretKind.SessionToken, token);
        return new BrokeredCredentials(("ASIA" + upper).PadRight(20, '0')[..20], secret, token);
    }

    /// <summary>True when the three values come from one <see cref="Credentials"/> call (no mix of two writes).</summary>
    public static bool IsWhole(BrokeredCredentials credentials)
    {
        var tag = credentials.AccessKeyId.Substring(4).ToLowerInvariant();
        return credentials.SecretAccessKey == StandInSecretMarkers.SecretAccessKey + tag
            && credentials.SessionToken == StandInSecretMarkers.SessionToken + tag;
    }

    public static CredentialCacheEntry Entry(string tag, CredentialCacheKey? key = null, DateTimeOffset? expiration = null) =>
        new(key ?? Key(), Credentials(tag, expiration), Now);
}
