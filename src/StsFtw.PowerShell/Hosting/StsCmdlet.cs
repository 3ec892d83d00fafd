using System.Management.Automation;
using StsFtw.Client.Hosting;
using StsFtw.Core.Hosting;

namespace StsFtw.PowerShell.Hosting;

/// <summary>
/// What every StsFtw cmdlet shares: the environment seam, and the one place async work is waited for — blocking
/// once, with a token that Ctrl+C (<see cref="StopProcessing"/>) cancels.
/// </summary>
public abstract class StsCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Where STS_* settings are read and AWS_* variables written: the process environment (<c>$env:</c>).</summary>
    internal IEnvironmentVariables Environment { get; } = ProcessEnvironmentVariables.Instance;

    /// <inheritdoc />
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Runs <paramref name="work"/> to completion on the pipeline thread.</summary>
    /// <exception cref="PipelineStoppedException">The user stopped the pipeline.</exception>
    protected T Wait<T>(Func<CancellationToken, Task<T>> work)
    {
        try
        {
            return Task.Run(() => work(_stopping.Token)).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Runs <paramref name="work"/> to completion on the pipeline thread.</summary>
    protected void Wait(Func<CancellationToken, Task> work) => Wait(async token =>
    {
        await work(token).ConfigureAwait(false);
        return true;
    });

    /// <summary>True when -WhatIf (or $WhatIfPreference) is in force.</summary>
    protected bool IsWhatIf =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the cmdlet holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) _stopping.Dispose();
    }
}
