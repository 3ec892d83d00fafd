using StsFtw.PowerShell.Bench.Pwsh;

namespace StsFtw.PowerShell.Bench;

/// <summary>One way of starting pwsh that is measured: a label, the <c>-Command</c> text, and what its output must show.</summary>
/// <param name="Label">The row's name in the report.</param>
/// <param name="Command">What follows <c>pwsh -NoProfile -Command</c>.</param>
/// <param name="ExpectedOutput">Text the standard output must contain, or null for none.</param>
/// <param name="Environment">Variables set for this variant's pwsh (after the STS_* and AWS_* ones are removed), or null.</param>
/// <param name="NonInteractive">True to start pwsh with <c>-NonInteractive</c>, as a credential_process line does.</param>
public sealed record Variant(string Label, string Command, string? ExpectedOutput = null, IReadOnlyDictionary<string, string>? Environment = null, bool NonInteractive = false)
{
    /// <summary>Index of the variant served from the credential cache.</summary>
    public const int CachedCredentialProcess = 3;

    /// <summary>
    /// The four variants, bare start first: the others are compared with it. The end-to-end variant passes -NoCache,
    /// so every run reaches the backend; the credential_process variant finds the module by name (PSModulePath) and is
    /// served from <paramref name="cacheDirectory"/> after its warm-up run stored the credentials.
    /// </summary>
    public static IReadOnlyList<Variant> All(string moduleManifest, string endpoint, string cacheDirectory)
    {
        var import = $"Import-Module {Quote(moduleManifest)} -ErrorAction Stop";
        var identity = $"-Endpoint {Quote(endpoint)} -Issuer example -AccountName alice -Role Developer";
        var call = $"Get-StsCredential {identity} -TotpCode 123456 -NoCache";
        var cached = new Dictionary<string, string>
        {
            ["PSModulePath"] = Path.GetDirectoryName(Path.GetDirectoryName(moduleManifest))!,
            ["STS_CACHE_DIR"] = cacheDirectory,
        };
        return new[]
        {
            new Variant("bare start (exit)", "exit"),
            new Variant("Import-Module", import),
            new Variant("Import-Module; Get-StsCredential", $"$ErrorActionPreference = 'Stop'; {import}; {call}", LoopbackBackend.AccessKeyId),
            new Variant("credential_process, from the cache", $"Get-StsCredential {identity} -TotpCode 123456 -AsCredentialProcess",
                "\"AccessKeyId\":\"" + LoopbackBackend.AccessKeyId + "\"", cached, NonInteractive: true),
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
