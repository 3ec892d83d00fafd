using StsFtw.PowerShell.Bench.Pwsh;

namespace StsFtw.PowerShell.Bench;

/// <summary>One way of starting pwsh that is measured: a label, the <c>-Command</c> text, and what its output must show.</summary>
/// <param name="Label">The row's name in the report.</param>
/// <param name="Command">What follows <c>pwsh -NoProfile -Command</c>.</param>
/// <param name="ExpectedOutput">Text the standard output must contain, or null for none.</param>
public sealed record Variant(string Label, string Command, string? ExpectedOutput = null)
{
    /// <summary>The three variants, bare start first: the others are compared with it.</summary>
    public static IReadOnlyList<Variant> All(string moduleManifest, string endpoint)
    {
        var import = $"Import-Module {Quote(moduleManifest)} -ErrorAction Stop";
        var call = $"Get-StsCredential -Endpoint {Quote(endpoint)} -Issuer example -AccountName alice -Role Developer -TotpCode 123456";
        return new[]
        {
            new Variant("bare start (exit)", "exit"),
            new Variant("Import-Module", import),
            new Variant("Import-Module; Get-StsCredential", $"$ErrorActionPreference = 'Stop'; {import}; {call}", LoopbackBackend.AccessKeyId),
        };
    }

    /// <summary>Why <paramref name="run"/> does not count (it failed, wrote an error, or its output lacks the expected text); null when it counts.</summary>
    public string? Failure(PwshRun run)
    {
        if (run.ExitCode != 0) return $"{Label}: pwsh exited with {run.ExitCode}. {run.Errors.Trim()}";
        if (run.Errors.Trim().Length > 0) return $"{Label}: pwsh wrote to stderr: {run.Errors.Trim()}";
        if (ExpectedOutput is not null && !run.Output.Contains(ExpectedOutput, StringComparison.Ordinal))
        {
            return $"{Label}: the output lacks {ExpectedOutput}: {run.Output.Trim()}";
        }
        return null;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
