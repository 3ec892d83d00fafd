using Amazon.DynamoDBv2.Model;
using A = StsFtw.Aws.DynamoDb.AuthTableAttributes;
using M = StsFtw.Aws.DynamoDb.AuthItemMapper;

namespace StsFtw.Aws.DynamoDb;

/// <summary>The pieces every admin write shares: its stamp and revision bump, the revision guard, and item equality.</summary>
internal static class AdminWrites
{
    /// <summary>The SET clause every admin write shares: stamp it and bump the revision (STSFTW entries start from none).</summary>
    public const string Set = "#updated = :updated, #rev = if_not_exists(#rev, :revzero) + :revone";

    /// <summary>The attribute names <see cref="Set"/> and an existence condition need, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string> Names(params (string Placeholder, string Name)[] more)
    {
        var names = AuthTableCalls.Names(more);
        names["#issuer"] = A.Issuer;
        names["#updated"] = A.UpdatedAt;
        names["#rev"] = A.Revision;
        return names;
    }

    /// <summary>The values <see cref="Set"/> needs, stamped <paramref name="now"/>, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, AttributeValue> Values(DateTimeOffset now, params (string Placeholder, AttributeValue Value)[] more)
    {
        var values = AuthTableCalls.Values(more);
        values[":updated"] = M.Stamp(now);
        values[":revzero"] = M.Number(0);
        values[":revone"] = M.Number(1);
        return values;
    }

    /// <summary>The condition that the item is still the one that was read: same revision, or (STSFTW entries) still none.</summary>
    public static void GuardRevision(
        Dictionary<string, string> names, Dictionary<string, AttributeValue> values, bool exists, long? revision, out string condition)
    {
        names["#issuer"] = A.Issuer;
        if (!exists)
        {
            condition = "attribute_not_exists(#issuer)";
            return;
        }
        names["#rev"] = A.Revision;
        if (revision is { } r)
        {
            values[":rev"] = M.Number(r);
            condition = "attribute_exists(#issuer) AND #rev = :rev";
        }
        else
        {
            condition = "attribute_exists(#issuer) AND attribute_not_exists(#rev)";
        }
    }

    /// <summary>Attribute-wise equality of two items as the admin path writes them (S, N, B and lists of those).</summary>
    public static bool SameItem(Dictionary<string, AttributeValue> stored, Dictionary<string, AttributeValue> written) =>
        stored.Count == written.Count
        && written.All(pair => stored.TryGetValue(pair.Key, out var value) && SameValue(value, pair.Value));

    private static bool SameValue(AttributeValue? a, AttributeValue? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (!string.Equals(a.S, b.S, StringComparison.Ordinal) || !string.Equals(a.N, b.N, StringComparison.Ordinal)) return false;
        if ((a.B is null) != (b.B is null) || (a.B is not null && !a.B.ToArray().SequenceEqual(b.B!.ToArray()))) return false;
        var (listA, listB) = (a.L ?? new List<AttributeValue>(), b.L ?? new List<AttributeValue>());
        return listA.Count == listB.Count && listA.Zip(listB, SameValue).All(same => same);
    }
}
