using StsFtw.Core.Credentials;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Validation;

namespace StsFtw.Core.Broker;

/// <summary>The deployment's settings for the broker.</summary>
public sealed record BrokerOptions
{
    /// <summary>Session length when a request gives none.</summary>
    public int DefaultDurationSeconds { get; init; } = InputRules.DefaultDurationSeconds;

    /// <summary>
    /// Longest session a request may ask for: at most 3600, the ceiling AWS sets for role chaining (the broker assumes
    /// roles with its own role's credentials; see <see cref="InputRules.MaximumDurationSeconds"/>).
    /// </summary>
    public int MaximumDurationSeconds { get; init; } = InputRules.MaximumDurationSeconds;

    /// <summary>Failures that lock an account, and for how long.</summary>
    public LockoutPolicy Lockout { get; init; } = LockoutPolicy.Default;

    /// <summary>Which roles may be assumed, by the ARN they resolve to (a role name resolves into the broker's account).</summary>
    public RoleArnPolicy RoleArns { get; init; } = RoleArnPolicy.NamesOnly;

    /// <summary>
    /// How long the "minting failed" follow-up may take when the deadline cut a mint short after its announcement went
    /// out. Keep it well inside the time the Lambda runtime holds back to answer (300 ms).
    /// </summary>
    public TimeSpan FollowUpTimeout { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// The bound on a refusal's announcement (one attempt, <see cref="Audit.AuditDelivery.OneAttempt"/>), so that a
    /// slow or throttled audit topic never holds a refusal back longer than this.
    /// </summary>
    public TimeSpan AnnouncementTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when the settings contradict each other.</summary>
    public BrokerOptions Validated()
    {
        var durationProblem = InputRules.CheckDurationSeconds(MaximumDurationSeconds, InputRules.MaximumDurationSeconds, nameof(MaximumDurationSeconds))
            ?? InputRules.CheckDurationSeconds(DefaultDurationSeconds, MaximumDurationSeconds, nameof(DefaultDurationSeconds));
        if (durationProblem is not null) throw new ArgumentException(durationProblem);
        if (Lockout is null) throw new ArgumentException("A lockout policy is required.");
        if (RoleArns is null) throw new ArgumentException("A role ARN policy is required.");
        if (FollowUpTimeout <= TimeSpan.Zero) throw new ArgumentException("The follow-up timeout must be positive.");
        if (AnnouncementTimeout <= TimeSpan.Zero) throw new ArgumentException("The announcement timeout must be positive.");
        return this;
    }
}
