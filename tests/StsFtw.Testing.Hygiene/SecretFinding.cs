namespace StsFtw.Testing.Hygiene;

/// <summary>One secret found in one captured line.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Rule">Which rule found it (a known value, or a pattern).</param>
/// <param name="Index">Where it starts in the line.</param>
/// <param name="Length">How long it is.</param>
public sealed record SecretFinding(SecretKind Kind, string Rule, int Index, int Length);
