using System.Diagnostics;

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>
/// Runs script text in a fresh process (tests/StsFtw.PowerShell.ScriptHost) whose default load context holds only the
/// PowerShell engine, as pwsh's does. The module's STS_* and AWS_* variables are removed from its environment, and
/// its standard error is checked for secrets.
/// </summary>
internal static class ScriptHostProcess
{
    /// <summary>Runs <paramref name="script"/> with <paramref name="environment"/> set and the variables named in <paramref name="removed"/> unset.</summary>
    public static (int Exit, string Output, string Errors) Run(string script, IDictionary<string, string>? environment = null, IEnumerable<string>? removed = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"stsftw-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(path, script);
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(TestPaths.ScriptHost);
            start.ArgumentList.Add(path);
            foreach (var name in EnvironmentScope.Managed.Concat(removed ?? [])) start.Environment.Remove(name);
            if (environment is not null)
            {
                foreach (var (name, value) in environment) start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The script host did not finish within 60 s.");
            }
            // Standard output is the script's own output; its errors must hold no secret.
            Testing.Hygiene.SecretHygiene.AssertClean("script host stderr (child process)", errors.Result.Split('\n'), Testing.Hygiene.SecretLedger.Suite);
            return (process.ExitCode, output.Result, errors.Result);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
