using System.Globalization;
using System.Text;
using StsFtw.Core.Accounts;

namespace StsFtw.Core.Credentials;

/// <summary>
/// Turns issuer and account names into values STS accepts: RoleSessionName and SourceIdentity
/// (2–64 characters of <c>[\w+=,.@-]</c>) and session tag values.
/// </summary>
/// <remarks>Pure and total: any input gives a valid value, so a strange name can never make AssumeRole fail.</remarks>
public static class StsSessionNaming
{
    /// <summary>Shortest session name or source identity STS accepts.</summary>
    public const int MinimumLength = 2;

    /// <summary>Longest session name or source identity STS accepts.</summary>
    public const int MaximumLength = 64;

    /// <summary>Longest session tag value STS accepts.</summary>
    public const int MaximumTagValueLength = 256;

    /// <summary>RoleSessionName for an account: <c>issuer.account</c>, as STSFTW named sessions, made valid.</summary>
    public static string RoleSessionName(AccountKey account) => ToIdentifier(account.Issuer + "." + account.AccountName);

    /// <summary>SourceIdentity for an account: the account name, made valid.</summary>
    /// <remarks>STS reserves the <c>aws:</c> prefix; ':' is never kept, so no result can carry it.</remarks>
    public static string SourceIdentity(AccountKey account) => ToIdentifier(account.AccountName);

    /// <summary>A session tag value: letters, digits, spaces and <c>_.:/=+-@</c>, at most 256 characters.</summary>
    public static string TagValue(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaximumTagValueLength));
        foreach (var c in value)
        {
            if (builder.Length == MaximumTagValueLength) break;
            builder.Append(IsTagCharacter(c) ? c : '_');
        }
        return builder.ToString();
    }

    /// <summary>True for characters allowed in RoleSessionName and SourceIdentity.</summary>
    public static bool IsIdentifierCharacter(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "_+=,.@-".IndexOf(c) >= 0;

    private static string ToIdentifier(string value)
    {
        var builder = new StringBuilder(MaximumLength);
        foreach (var c in value)
        {
            if (builder.Length == MaximumLength) break;
            builder.Append(IsIdentifierCharacter(c) ? c : '-');
        }
        while (builder.Length < MinimumLength) builder.Append('-');
        return builder.ToString();
    }

    private static bool IsTagCharacter(char c)
    {
        if (c < 0x80) return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || " _.:/=+-@".IndexOf(c) >= 0;
        if (char.IsSurrogate(c)) return false;
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return char.IsLetterOrDigit(c) || category == UnicodeCategory.SpaceSeparator;
    }
}
