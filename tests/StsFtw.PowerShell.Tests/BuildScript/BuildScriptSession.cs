using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.BuildScript;

/// <summary>
/// A hosted-engine runspace with build.ps1 dot-sourced: its functions are defined, no task has run. Paths and other
/// values go in as variables, never spliced into script text.
/// </summary>
internal sealed class BuildScriptSession : IDisposable
{
    private readonly ModuleSession _session = new(importModule: false);

    public BuildScriptSession(bool dotSource = true)
    {
        if (dotSource) Run(". $script", new Dictionary<string, object?> { ["script"] = ScriptPath }).ThrowOnError();
    }

    /// <summary>The script under test, at the repository root.</summary>
    public static string ScriptPath => Path.Combine(TestPaths.RepositoryRoot, "build.ps1");

    public RecordingHostUserInterface Ui => _session.Ui;

    public ScriptResult Run(string script, IDictionary<string, object?>? variables = null) => _session.Run(script, variables);

    /// <summary>A context for the real repository, with the Deploy and Install inputs a test chooses.</summary>
    public void CreateContext(string variable = "context", string extraArguments = "", IDictionary<string, object?>? variables = null)
    {
        var all = new Dictionary<string, object?> { ["repositoryRoot"] = TestPaths.RepositoryRoot };
        if (variables is not null)
        {
            foreach (var (name, value) in variables) all[name] = value;
        }
        Run($"${variable} = New-BuildContext -RepositoryRoot $repositoryRoot {extraArguments}", all).ThrowOnError();
    }

    public void Dispose() => _session.Dispose();
}
