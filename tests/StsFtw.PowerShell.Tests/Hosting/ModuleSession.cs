using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>A runspace (InitialSessionState.CreateDefault2) with the built module imported from its layout folder.</summary>
internal sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleSession(RecordingHost? host = null)
    {
        Host = host ?? new RecordingHost();
        _runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        _runspace.Open();
        Run($"Import-Module '{TestPaths.ModuleManifest}' -ErrorAction Stop").ThrowOnError();
    }

    public RecordingHost Host { get; }

    public RecordingHostUserInterface Ui => Host.Ui;

    /// <summary>Runs script text; errors are collected, not thrown.</summary>
    public ScriptResult Run(string script, IDictionary<string, object?>? variables = null)
    {
        var exceptionsFrom = Testing.Hygiene.ExceptionCapture.Mark();
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        if (variables is not null)
        {
            foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
        }
        shell.AddScript(script);
        Collection<PSObject> output;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException e)
        {
            StreamHygiene.AssertClean(shell.Streams, [e.ErrorRecord, .. shell.Streams.Error], exceptionsFrom);
            return new ScriptResult(new Collection<PSObject>(), new[] { e.ErrorRecord }, shell.Streams.Warning.ToArray(), shell.Streams.Verbose.ToArray());
        }
        StreamHygiene.AssertClean(shell.Streams, shell.Streams.Error, exceptionsFrom);
        return new ScriptResult(output, shell.Streams.Error.ToArray(), shell.Streams.Warning.ToArray(), shell.Streams.Verbose.ToArray());
    }

    public void Dispose() => _runspace.Dispose();
}
