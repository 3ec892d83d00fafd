namespace StsFtw.Core.Enrollment;

/// <summary>
/// A change to a list of names (roles or secondary authorizers): replace it whole, or add and remove names.
/// Order is kept, duplicates are dropped, comparison is ordinal (IAM names are case-sensitive in policies).
/// </summary>
public sealed record ListChange
{
    private ListChange(IReadOnlyList<string>? replacement, IReadOnlyList<string> add, IReadOnlyList<string> remove)
    {
        Replacement = replacement;
        Add = add;
        Remove = remove;
    }

    /// <summary>The new list, when the change replaces it.</summary>
    public IReadOnlyList<string>? Replacement { get; }

    /// <summary>Names to add (after any replacement).</summary>
    public IReadOnlyList<string> Add { get; }

    /// <summary>Names to remove (after adding).</summary>
    public IReadOnlyList<string> Remove { get; }

    /// <summary>Replaces the list with <paramref name="names"/>.</summary>
    public static ListChange ReplaceWith(IEnumerable<string> names) => new(names.ToArray(), Array.Empty<string>(), Array.Empty<string>());

    /// <summary>Adds and removes names, keeping the rest.</summary>
    public static ListChange AddRemove(IEnumerable<string>? add, IEnumerable<string>? remove) =>
        new(null, add?.ToArray() ?? Array.Empty<string>(), remove?.ToArray() ?? Array.Empty<string>());

    /// <summary>The list after the change.</summary>
    public IReadOnlyList<string> ApplyTo(IReadOnlyList<string> current)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var removed = new HashSet<string>(Remove, StringComparer.Ordinal);
        foreach (var name in (Replacement ?? current).Concat(Add))
        {
            if (!removed.Contains(name) && seen.Add(name)) result.Add(name);
        }
        return result;
    }
}
