using System.Security.Cryptography;
using System.Text;
using OtpNet;
using StsFtw.Core.Accounts;

namespace StsFtw.Core.Invitations;

/// <summary>
/// The code an admin sends to a person to enroll their own device: <c>inv1-</c> and 160 random bits as 32 base32
/// characters in groups of four (docs/INVITATIONS.md, "The code and its verifier").
/// </summary>
/// <remarks>
/// The table stores only <see cref="VerifierFor"/>; <see cref="ToString"/> never shows the code. Call
/// <see cref="Reveal"/> only to hand the code to the admin once.
/// </remarks>
public sealed class InvitationCode
{
    /// <summary>The prefix that makes a code recognisable.</summary>
    public const string Prefix = "inv1";

    /// <summary>Random bytes in a code (160 bits).</summary>
    public const int LengthBytes = 20;

    /// <summary>The longest text <see cref="TryParse"/> looks at (the canonical form is 44 characters).</summary>
    public const int MaximumTextLength = 80;

    private const int Base32Length = 32;
    private const string VerifierLabel = "stsftw-invitation-v1";

    private readonly byte[] _bytes;

    private InvitationCode(byte[] bytes) => _bytes = bytes;

    /// <summary>A new code from the operating system's CSPRNG.</summary>
    public static InvitationCode Generate()
    {
        var bytes = new byte[LengthBytes];
        using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
        return new InvitationCode(bytes);
    }

    /// <summary>
    /// Parses a code as a person pastes it: any case, hyphens and spaces between characters ignored, the prefix
    /// required. Null for anything else (wrong alphabet, length, prefix, or text longer than <see cref="MaximumTextLength"/>).
    /// </summary>
    public static InvitationCode? TryParse(string? text)
    {
        if (text is null || text.Length == 0 || text.Length > MaximumTextLength) return null;
        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '-' || c == ' ') continue;
            var upper = char.ToUpperInvariant(c);
            var allowed = (upper >= 'A' && upper <= 'Z') || (upper >= '0' && upper <= '9');
            if (!allowed) return null;
            compact.Append(upper);
        }
        var normalized = compact.ToString();
        var prefix = Prefix.ToUpperInvariant();
        if (normalized.Length != prefix.Length + Base32Length || !normalized.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var body = normalized.Substring(prefix.Length);
        foreach (var c in body)
        {
            if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return null;
        }
        return new InvitationCode(Base32Encoding.ToBytes(body));
    }

    /// <summary>
    /// The verifier the table stores: SHA-256 over a label, the account and the code, so a verifier copied to another
    /// item opens nothing. No salt or slow hash: 160 random bits cannot be guessed offline (docs/INVITATIONS.md).
    /// </summary>
    public byte[] VerifierFor(AccountKey account)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        var label = Encoding.UTF8.GetBytes($"{VerifierLabel}\0{account.Issuer}\0{account.AccountName}\0");
        var input = new byte[label.Length + _bytes.Length];
        Buffer.BlockCopy(label, 0, input, 0, label.Length);
        Buffer.BlockCopy(_bytes, 0, input, label.Length, _bytes.Length);
        using var sha = SHA256.Create();
        return sha.ComputeHash(input);
    }

    /// <summary>True when <paramref name="stored"/> is this code's verifier for the account, compared in constant time.</summary>
    public bool Matches(AccountKey account, byte[]? stored) => stored is not null && FixedTime.Equal(VerifierFor(account), stored);

    /// <summary>The canonical text (<c>inv1-XXXX-…</c>), to show the admin once. Never log it.</summary>
    public string Reveal()
    {
        var body = Base32Encoding.ToString(_bytes).TrimEnd('=');
        var builder = new StringBuilder(Prefix);
        for (var i = 0; i < body.Length; i += 4) builder.Append('-').Append(body, i, 4);
        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => "[redacted]";
}
