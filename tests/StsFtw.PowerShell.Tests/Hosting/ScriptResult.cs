using System.Collections.ObjectModel;
using System.Management.Automation;

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>What a script produced.</summary>
internal sealed record ScriptResult(Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, IReadOnlyList<WarningRecord> Warnings, IReadOnlyList<VerboseRecord> Verbose)
{
    public ScriptResult ThrowOnError()
    {
        if (Errors.Count > 0) throw new InvalidOperationException("Script failed: " + string.Join(" | ", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
        return this;
    }

    /// <summary>The single error, asserted.</summary>
    public ErrorRecord SingleError()
    {
        Assert.True(Errors.Count == 1, $"Expected one error, got {Errors.Count}: " + string.Join(" | ", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
        return Errors[0];
    }

    public T Single<T>() => Assert.IsAssignableFrom<T>(Assert.Single(ThrowOnError().Output).BaseObject);

    public IReadOnlyList<string> Strings() => ThrowOnError().Output.Select(o => o.BaseObject.ToString()!).ToArray();
}
