namespace StsFtw.PowerShell.Bench;

/// <summary>How much to measure: the full run (the figures for the README) or a quick smoke run.</summary>
/// <param name="Quick">True for <c>--quick</c>.</param>
/// <param name="RunsEach">Measured runs of each variant, interleaved (after one unmeasured warm-up run of each).</param>
public sealed record BenchOptions(bool Quick, int RunsEach)
{
    /// <summary>Usage text.</summary>
    public const string Usage = """
        StsFtw PowerShell module benchmark, in real pwsh (the repository's local tool).

        Usage: dotnet run -c Release --project bench/StsFtw.PowerShell.Bench [-- --quick]

          (no option)   the full run: 30 fresh pwsh processes of each variant, interleaved (about 2 minutes)
          --quick       a smoke run: 3 of each
          --help        this text

        Variants: pwsh -NoProfile -Command exit; ... -Command "Import-Module <built module>"; ... -Command
        "Import-Module <built module>; Get-StsCredential ..." against a loopback stand-in backend. Its build builds
        the module and runs `dotnet tool restore`.
        """;

    /// <summary>The full run.</summary>
    public static BenchOptions Full { get; } = new(false, 30);

    /// <summary>The smoke run.</summary>
    public static BenchOptions QuickRun { get; } = new(true, 3);

    /// <summary>Parses the command line; null (after printing why) when it is not understood or help was asked for.</summary>
    public static BenchOptions? Parse(string[] args, TextWriter output)
    {
        if (args.Length == 0) return Full;
        if (args is ["--quick"]) return QuickRun;
        if (args is not ["--help" or "-h"]) output.WriteLine("Unrecognised arguments: " + string.Join(' ', args));
        output.WriteLine(Usage);
        return null;
    }
}
