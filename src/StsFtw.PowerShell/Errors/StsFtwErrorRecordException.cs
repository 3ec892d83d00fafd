using System.Management.Automation;

namespace StsFtw.PowerShell.Errors;

/// <summary>Carries a finished error record out of a cmdlet's binding helpers to the one place that writes it.</summary>
internal sealed class StsFtwErrorRecordException : Exception
{
    public StsFtwErrorRecordException(ErrorRecord errorRecord)
        : base(errorRecord.Exception.Message) => ErrorRecord = errorRecord;

    public ErrorRecord ErrorRecord { get; }
}
