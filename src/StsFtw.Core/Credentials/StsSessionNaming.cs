using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StsFtw.Core.Accounts;

namespace StsFtw.Core.Credentials;

/// <summary>
/// Turns issuer and account names into values STS accepts: RoleSessionName and SourceIdentity
/// (2–64 characters of <c>[\w+=,.@-]</c>) and session tag values.
/// </summary>
/// <remarks>
/// <para>SourceIdentity and RoleSessionName are the same value, <c>issuer@account</c>, and no two accounts share it
/// (SECURITY.md rule 7, "Attribution"): every character outside <c>[A-Za-z0-9_+,.@-]</c>, the escape character
/// <c>=</c> itself and any <c>@</c> in the issuer are written as <c>=XX</c>, the upper-case hex of each UTF-8 byte, so
/// <c>alice smith</c> is <c>alice=20smith</c> and never <c>alice-smith</c>. A value longer than 64 characters is cut
/// at an escape boundary and ends in <c>==</c> and 12 base32 characters of the SHA-256 of the whole pair; <c>==</c>
/// never occurs in an uncut value, so a cut value cannot equal an uncut one.</para>
/// <para>Pure and total: any input gives a valid value, so a strange name can never make AssumeRole fail.</para>
/// </remarks>
public static class StsSessionNaming
{
    /// <summary>Shortest session name or source identity STS accepts.</summary>
    public const int MinimumLength = 2;

    /// <summary>Longest session name or source identity STS accepts.</summary>
    public const int MaximumLength = 64;

    /// <summary>Longest session tag value STS accepts.</summary>
    public const int MaximumTagValueLength = 256;

    /// <summary>The character that starts an escape (<c>=XX</c>).</summary>
    public const char EscapeCharacter = '=';

    /// <summary>Separates the issuer from the account; escaped wherever it occurs in the issuer.</summary>
    public const char Separator = '@';

    /// <summary>Starts the digest of a value that had to be cut; never produced by escaping.</summary>
    public const string CutMarker = "==";

    /// <summary>Base32 characters of the SHA-256 digest kept after <see cref="CutMarker"/> (60 bits).</summary>
    public const int DigestLength = 12;

    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>RoleSessionName for an account: the same value as <see cref="SourceIdentity"/>.</summary>
    public static string RoleSessionName(AccountKey account) => SourceIdentity(account);

    /// <summary>SourceIdentity for an account: <c>issuer@account</c>, escaped, cut with a digest when too long.</summary>
    /// <remarks>STS reserves the <c>aws:</c> prefix; ':' is always escaped, so no result can carry it.</remarks>
    public static string SourceIdentity(AccountKey account)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        var escaped = Escape(account.Issuer, c => IsIdentifierCharacter(c) && c != EscapeCharacter && c != Separator)
            + Separator + Escape(account.AccountName, c => IsIdentifierCharacter(c) && c != EscapeCharacter);
        return escaped.Length is >= MinimumLength and <= MaximumLength ? escaped : Cut(escaped, MaximumLength, PairBytes(account));
    }

    /// <summary>
    /// A session tag value: letters, digits, spaces and <c>_.:/+-@</c> kept, every other character (and <c>=</c>)
    /// escaped as <c>=XX</c>; over 256 characters it is cut and ends in <see cref="CutMarker"/> and a digest, like
    /// <see cref="SourceIdentity"/>, so two different values never give the same tag.
    /// </summary>
    public static string TagValue(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var escaped = Escape(value, c => IsTagCharacter(c) && c != EscapeCharacter);
        return escaped.Length <= MaximumTagValueLength ? escaped : Cut(escaped, MaximumTagValueLength, Bytes(value));
    }

    /// <summary>True for characters allowed in RoleSessionName and SourceIdentity.</summary>
    public static bool IsIdentifierCharacter(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "_+=,.@-".IndexOf(c) >= 0;

    /// <summary>
    /// The text's bytes for escaping and hashing: UTF-8, except that a lone surrogate is written as the three bytes of
    /// its code point (which valid UTF-8 never holds), so two different strings never give the same bytes.
    /// </summary>
    internal static byte[] Bytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++) AppendCodePoint(bytes, CodePointAt(text, ref i));
        return bytes.ToArray();
    }

    // Keeps each character the rule allows; writes any other code point as =XX per byte of Bytes().
    private static string Escape(string text, Func<char, bool> keep)
    {
        var builder = new StringBuilder(text.Length);
        var bytes = new List<byte>(4);
        for (var i = 0; i < text.Length; i++)
        {
            var codePoint = CodePointAt(text, ref i);
            if (codePoint < 0x10000 && !char.IsSurrogate((char)codePoint) && keep((char)codePoint))
            {
                builder.Append((char)codePoint);
                continue;
            }
            bytes.Clear();
            AppendCodePoint(bytes, codePoint);
            foreach (var b in bytes) builder.Append(EscapeCharacter).Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
        }
        return builder.ToString();
    }

    private static int CodePointAt(string text, ref int i)
    {
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            i++;
            return char.ConvertToUtf32(text[i - 1], text[i]);
        }
        return text[i];
    }

    // Cuts before an escape rather than inside one, so the readable part never ends in half an escape.
    private static string Cut(string escaped, int maximumLength, byte[] whole)
    {
        var end = Math.Min(escaped.Length, maximumLength - CutMarker.Length - DigestLength);
        if (end >= 1 && escaped[end - 1] == EscapeCharacter) end -= 1;
        else if (end >= 2 && escaped[end - 2] == EscapeCharacter) end -= 2;
        return escaped.Substring(0, end) + CutMarker + Digest(whole);
    }

    // The pair as one unambiguous byte string: the issuer's length (4 bytes, big-endian), the issuer, the account.
    private static byte[] PairBytes(AccountKey account)
    {
        var issuer = Bytes(account.Issuer);
        var name = Bytes(account.AccountName);
        var pair = new byte[4 + issuer.Length + name.Length];
        pair[0] = (byte)(issuer.Length >> 24);
        pair[1] = (byte)(issuer.Length >> 16);
        pair[2] = (byte)(issuer.Length >> 8);
        pair[3] = (byte)issuer.Length;
        Buffer.BlockCopy(issuer, 0, pair, 4, issuer.Length);
        Buffer.BlockCopy(name, 0, pair, 4 + issuer.Length, name.Length);
        return pair;
    }

    // The first DigestLength base32 characters (5 bits each) of SHA-256.
    private static string Digest(byte[] whole)
    {
        using var sha256 = SHA256.Create();
        var digest = sha256.ComputeHash(whole);
        var builder = new StringBuilder(DigestLength);
        for (var i = 0; i < DigestLength; i++)
        {
            var bit = i * 5;
            var twoBytes = (digest[bit / 8] << 8) | digest[bit / 8 + 1];
            builder.Append(Base32Alphabet[(twoBytes >> (11 - bit % 8)) & 0x1F]);
        }
        return builder.ToString();
    }

    private static void AppendCodePoint(List<byte> bytes, int codePoint)
    {
        if (codePoint < 0x80)
        {
            bytes.Add((byte)codePoint);
        }
        else if (codePoint < 0x800)
        {
            bytes.Add((byte)(0xC0 | (codePoint >> 6)));
            bytes.Add((byte)(0x80 | (codePoint & 0x3F)));
        }
        else if (codePoint < 0x10000)
        {
            bytes.Add((byte)(0xE0 | (codePoint >> 12)));
            bytes.Add((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
            bytes.Add((byte)(0x80 | (codePoint & 0x3F)));
        }
        else
        {
            bytes.Add((byte)(0xF0 | (codePoint >> 18)));
            bytes.Add((byte)(0x80 | ((codePoint >> 12) & 0x3F)));
            bytes.Add((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
            bytes.Add((byte)(0x80 | (codePoint & 0x3F)));
        }
    }

    private static bool IsTagCharacter(char c)
    {
        if (c < 0x80) return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || " _.:/=+-@".IndexOf(c) >= 0;
        if (char.IsSurrogate(c)) return false;
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return char.IsLetterOrDigit(c) || category == UnicodeCategory.SpaceSeparator;
    }
}
