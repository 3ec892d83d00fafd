using System.Globalization;
using Amazon.DynamoDBv2.Model;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using A = StsFtw.Aws.DynamoDb.AuthTableAttributes;

namespace StsFtw.Aws.DynamoDb;

/// <summary>
/// Turns auth table items into <see cref="AuthEntry"/> values and back. Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// Reads what STSFTW wrote (lists as L, SS, NULL or missing) and writes what STSFTW reads (lists as L of S).
/// An attribute of an unexpected type is an <see cref="InvalidDataException"/> naming the attribute, never its value,
/// rather than a guess: reading a damaged <c>secondary_authorization</c> as empty would waive the two-person rule.
/// </remarks>
internal static class AuthItemMapper
{
    private const string StampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The table key of <paramref name="account"/>.</summary>
    public static Dictionary<string, AttributeValue> ToKey(AccountKey account) => new(StringComparer.Ordinal)
    {
        [A.Issuer] = new AttributeValue { S = account.Issuer },
        [A.AccountName] = new AttributeValue { S = account.AccountName },
    };

    /// <summary>
    /// A whole item for <paramref name="entry"/>, stamped created and updated at <paramref name="now"/>. Exactly one
    /// secret form is written: the ciphertext when there is one, else the URI.
    /// </summary>
    public static Dictionary<string, AttributeValue> ToItem(AuthEntry entry, DateTimeOffset now, long revision)
    {
        var item = ToKey(entry.Account);
        if (entry.Secret.HasCiphertext)
        {
            item[A.TotpSecretCiphertext] = Binary(entry.Secret.Ciphertext!);
        }
        else if (!string.IsNullOrEmpty(entry.Secret.OtpAuthUri))
        {
            item[A.Url] = new AttributeValue { S = entry.Secret.OtpAuthUri };
        }
        item[A.Roles] = StringList(entry.Roles);
        item[A.SecondaryAuthorization] = StringList(entry.SecondaryAuthorizers);
        if (entry.LastAcceptedTimeStep is { } step) item[A.LastTimeStep] = Number(step);
        item[A.FailedAttempts] = Number(entry.ConsecutiveFailures);
        if (entry.LockedUntil is { } until) item[A.LockedUntil] = Number(until.ToUnixTimeSeconds());
        if (entry.ConsecutiveLocks > 0) item[A.ConsecutiveLocks] = Number(entry.ConsecutiveLocks);
        if (entry.BudgetWindowStart is { } opened)
        {
            item[A.BudgetWindowStart] = Number(opened.ToUnixTimeSeconds());
            item[A.BudgetFailures] = Number(entry.BudgetFailures);
        }
        item[A.CreatedAt] = Stamp(now);
        item[A.UpdatedAt] = Stamp(now);
        item[A.Revision] = Number(revision);
        return item;
    }

    /// <summary>Reads an item; throws <see cref="InvalidDataException"/> when an attribute has an unexpected type.</summary>
    public static AuthEntry FromItem(IDictionary<string, AttributeValue> item)
    {
        var issuer = ReadString(item, A.Issuer) ?? throw Malformed(A.Issuer, "is missing");
        var accountName = ReadString(item, A.AccountName) ?? throw Malformed(A.AccountName, "is missing");
        var ciphertext = ReadBinary(item, A.TotpSecretCiphertext);
        var url = ReadString(item, A.Url);
        return new AuthEntry(new AccountKey(issuer, accountName))
        {
            Roles = ReadStringList(item, A.Roles),
            SecondaryAuthorizers = ReadStringList(item, A.SecondaryAuthorization),
            Secret = ciphertext is null && url is null ? StoredSecret.None : new StoredSecret(url, ciphertext),
            LastAcceptedTimeStep = ReadNumber(item, A.LastTimeStep),
            ConsecutiveFailures = ReadNumber(item, A.FailedAttempts) is { } failures
                ? (int)Math.Max(0, Math.Min(int.MaxValue, failures))
                : 0,
            LockedUntil = ReadEpochSeconds(item, A.LockedUntil),
            ConsecutiveLocks = ReadNumber(item, A.ConsecutiveLocks) is { } locks
                ? (int)Math.Max(0, Math.Min(int.MaxValue, locks))
                : 0,
            BudgetFailures = ReadNumber(item, A.BudgetFailures) is { } spent
                ? (int)Math.Max(0, Math.Min(int.MaxValue, spent))
                : 0,
            BudgetWindowStart = ReadEpochSeconds(item, A.BudgetWindowStart),
            Invitation = ReadInvitation(item),
            CreatedAt = ReadStamp(item, A.CreatedAt),
            UpdatedAt = ReadStamp(item, A.UpdatedAt),
        };
    }

    private static InvitationSummary? ReadInvitation(IDictionary<string, AttributeValue> item)
    {
        if (ReadEpochSeconds(item, A.InvitationExpiresAt) is not { } expires) return null;
        var lostDevice = TryGet(item, A.InvitationLostDevice, out var flag) && (flag.BOOL ?? throw Malformed(A.InvitationLostDevice, "is not a boolean (BOOL)"));
        return new InvitationSummary(expires, lostDevice, ReadBinary(item, A.PendingSecretCiphertext) is not null);
    }

    /// <summary>The item's admin revision; null for entries written by STSFTW (they have none).</summary>
    public static long? ReadRevision(IDictionary<string, AttributeValue> item) => ReadNumber(item, A.Revision);

    /// <summary>A list of names as STSFTW reads it: L of S, an empty L for no names.</summary>
    public static AttributeValue StringList(IEnumerable<string> names) => new()
    {
        // IsLSet makes the SDK send an empty list as [] rather than leave the value empty (an invalid request).
        L = names.Select(name => new AttributeValue { S = name }).ToList(),
        IsLSet = true,
    };

    /// <summary>A number attribute.</summary>
    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A binary attribute (copies the bytes).</summary>
    public static AttributeValue Binary(byte[] value) => new() { B = new MemoryStream(value.ToArray(), writable: false) };

    /// <summary>A stamp attribute: ISO 8601 UTC with milliseconds.</summary>
    public static AttributeValue Stamp(DateTimeOffset value) => new() { S = FormatStamp(value) };

    /// <summary>The stamp format: <c>2025-01-31T12:00:00.000Z</c>.</summary>
    public static string FormatStamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);

    public static bool TryGet(IDictionary<string, AttributeValue> item, string name, out AttributeValue value)
    {
        if (item.TryGetValue(name, out var found) && found is not null && found.NULL != true)
        {
            value = found;
            return true;
        }
        value = null!;
        return false;
    }

    private static string? ReadString(IDictionary<string, AttributeValue> item, string name)
    {
        if (!TryGet(item, name, out var value)) return null;
        return value.S ?? throw Malformed(name, "is not a string (S)");
    }

    public static byte[]? ReadBinary(IDictionary<string, AttributeValue> item, string name)
    {
        if (!TryGet(item, name, out var value)) return null;
        if (value.B is null) throw Malformed(name, "is not binary (B)");
        return value.B.ToArray();
    }

    private static long? ReadNumber(IDictionary<string, AttributeValue> item, string name)
    {
        if (!TryGet(item, name, out var value)) return null;
        if (value.N is null) throw Malformed(name, "is not a number (N)");
        return long.TryParse(value.N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Malformed(name, "is not a whole number");
    }

    public static DateTimeOffset? ReadEpochSeconds(IDictionary<string, AttributeValue> item, string name)
    {
        if (ReadNumber(item, name) is not { } seconds) return null;
        const long MinSeconds = -62135596800L; // 0001-01-01
        const long MaxSeconds = 253402300799L; // 9999-12-31T23:59:59
        if (seconds < MinSeconds || seconds > MaxSeconds) throw Malformed(name, "is out of range");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static DateTimeOffset? ReadStamp(IDictionary<string, AttributeValue> item, string name)
    {
        var text = ReadString(item, name);
        if (text is null) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stamp)
            ? stamp
            : throw Malformed(name, "is not an ISO 8601 time");
    }

    private static IReadOnlyList<string> ReadStringList(IDictionary<string, AttributeValue> item, string name)
    {
        if (!TryGet(item, name, out var value)) return Array.Empty<string>();
        // DynamoDB never stores an empty SS, so a non-empty SS is checked first: it stays right even when
        // AWSConfigs.InitializeCollections makes L an empty list on every value.
        if (value.SS is { Count: > 0 } set) return set.ToArray();
        if (value.L is { } list)
        {
            var names = new string[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                names[i] = list[i]?.S ?? throw Malformed(name, "contains an element that is not a string (S)");
            }
            return names;
        }
        throw Malformed(name, "is not a list of strings (L or SS)");
    }

    public static InvalidDataException Malformed(string name, string problem) =>
        new($"Attribute '{name}' {problem}.");
}
