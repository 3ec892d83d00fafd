namespace StsFtw.Core.Enrollment;

/// <summary>Why an account was locked.</summary>
public enum LockCause
{
    /// <summary>Too many failures in a row (<see cref="LockoutPolicy.LockingFailure"/>).</summary>
    ConsecutiveFailures,

    /// <summary>The failure budget of the window is spent (<see cref="FailureBudget.LockingFailure"/>); locked until the window closes.</summary>
    FailureBudgetSpent,
}
