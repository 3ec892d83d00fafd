using System.Management.Automation;

namespace StsFtw.PowerShell.Errors;

/// <summary>Builds error records whose id is one of the *Errors constants and whose message is fit to show.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target, string? recommendedAction = null) =>
        Create(errorId, category, new StsFtwException(message), target, recommendedAction);

    public static ErrorRecord Create(string errorId, ErrorCategory category, Exception exception, object? target, string? recommendedAction = null)
    {
        var record = new ErrorRecord(exception, errorId, category, target);
        if (recommendedAction is not null) record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
        return record;
    }
}
