namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>The whole hostile-input corpus: hand-written entries, then the FsCheck-generated ones.</summary>
internal static class HostileCorpus
{
    /// <summary>The floor for the corpus size.</summary>
    public const int MinimumSize = 300;

    public static IReadOnlyList<HostileRequest> All { get; } = [.. HandWrittenCorpus.All, .. GeneratedCorpus.All];
}
