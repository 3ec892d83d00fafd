using System.Management.Automation;

namespace StsFtw.PowerShell.Errors;

/// <summary>
/// An admin cmdlet refused on purpose, before writing anything: the error id, category and recommended action say
/// which rule and what to do (SECURITY.md, "The admin's side").
/// </summary>
public sealed class EnrollmentRefusedException : Exception
{
    /// <summary>Creates the refusal.</summary>
    public EnrollmentRefusedException(string errorId, ErrorCategory category, string message, string recommendedAction)
        : base(message)
    {
        ErrorId = errorId;
        Category = category;
        RecommendedAction = recommendedAction;
    }

    /// <summary>The error id (one of <see cref="StsEnrollmentErrors"/>' constants).</summary>
    public string ErrorId { get; }

    /// <summary>The error category.</summary>
    public ErrorCategory Category { get; }

    /// <summary>What the admin can do about it.</summary>
    public string RecommendedAction { get; }
}
