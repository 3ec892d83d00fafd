using System.Collections.Concurrent;
using System.Text.Json;

namespace StsFtw.Testing.Hygiene;

/// <summary>
/// The secrets a test made or saw: TOTP secrets, otpauth URIs, codes, issued credentials. The detector looks for
/// exactly these, which is how six-digit codes are told apart from harmless six-digit numbers.
/// </summary>
/// <remarks>Thread-safe. A rig or harness owns one; <see cref="Suite"/> serves helpers that have no rig to hang it on.</remarks>
public sealed class SecretLedger
{
    private readonly ConcurrentDictionary<string, SecretKind> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Func<IEnumerable<string>>> _codeSources = new();

    /// <summary>One ledger for the whole test assembly, for static helpers (a phone, a stand-in's fixed credentials).</summary>
    public static SecretLedger Suite { get; } = new();

    /// <summary>Remembers <paramref name="value"/>; empty values are ignored.</summary>
    public void Remember(SecretKind kind, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (kind == SecretKind.Code)
        {
            _codes.TryAdd(value, 0);
            return;
        }
        _values.TryAdd(value, kind);
        if (kind == SecretKind.TotpSecret)
        {
            // The same secret as people write it: unpadded, lower case.
            var bare = value.TrimEnd('=');
            _values.TryAdd(bare, kind);
            _values.TryAdd(bare.ToLowerInvariant(), kind);
        }
        if (kind == SecretKind.OtpAuthUri) _values.TryAdd(Uri.EscapeDataString(value), kind);
    }

    /// <summary>Adds a source of codes, asked at each check (for example every code of a secret around the test's clock).</summary>
    public void AddCodeSource(Func<IEnumerable<string>> codes) => _codeSources.Add(codes);

    /// <summary>Remembers the codes a request body carries (<c>TOTPCode</c>, <c>SecondaryTOTPCode</c>, any case), if it is JSON.</summary>
    public void RememberCodesIn(ReadOnlySpan<byte> requestBody)
    {
        foreach (var (name, value) in StringMembers(requestBody))
        {
            if (name.EndsWith("totpcode", StringComparison.OrdinalIgnoreCase) && value.Length == 6 && value.All(char.IsAsciiDigit)) Remember(SecretKind.Code, value);
        }
    }

    /// <summary>Remembers the secret key and session token a credentials answer carries, if it is JSON.</summary>
    public void RememberCredentialsIn(string responseBody)
    {
        foreach (var (name, value) in StringMembers(System.Text.Encoding.UTF8.GetBytes(responseBody)))
        {
            if (string.Equals(name, "SecretAccessKey", StringComparison.OrdinalIgnoreCase)) Remember(SecretKind.SecretAccessKey, value);
            if (string.Equals(name, "SessionToken", StringComparison.OrdinalIgnoreCase)) Remember(SecretKind.SessionToken, value);
        }
    }

    /// <summary>The remembered values other than codes.</summary>
    public IReadOnlyCollection<KeyValuePair<string, SecretKind>> Values => _values.ToArray();

    /// <summary>Every code known now: remembered ones and those the sources compute.</summary>
    public IReadOnlySet<string> CodesNow()
    {
        var codes = new HashSet<string>(_codes.Keys, StringComparer.Ordinal);
        foreach (var source in _codeSources) codes.UnionWith(source());
        return codes;
    }

    private static List<(string Name, string Value)> StringMembers(ReadOnlySpan<byte> json)
    {
        var members = new List<(string, string)>();
        try
        {
            var reader = new Utf8JsonReader(json);
            string? name = null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName) name = reader.GetString();
                else if (reader.TokenType == JsonTokenType.String && name is not null) members.Add((name, reader.GetString()!));
            }
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException)
        {
            // Not JSON, or not UTF-8: whatever was read before is kept.
        }
        return members;
    }
}
