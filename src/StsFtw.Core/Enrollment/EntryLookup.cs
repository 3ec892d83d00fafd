namespace StsFtw.Core.Enrollment;

/// <summary>The entries one credential request needs, read together; an absent account is <c>null</c>.</summary>
public sealed record EntryLookup(AuthEntry? Primary, AuthEntry? Secondary);
