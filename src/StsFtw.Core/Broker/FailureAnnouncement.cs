using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Broker;

/// <summary>
/// Which announcement one recorded authentication failure makes (SECURITY.md rule 6). Anyone can cause failures, so
/// none is announced per request: the lock that a failure sets is announced (once, by the request whose write set it),
/// wrong codes on an enrolled account once per budget window (by the request whose atomic count reached
/// <see cref="FailureBudget.AnnouncedFailure"/>), a replayed code (which takes a right code) per request, and unknown
/// accounts never: they are in the function's log, where a metric filter counts them.
/// </summary>
public enum FailureAnnouncement
{
    /// <summary>Nothing is published; the per-request log line records the failure.</summary>
    None,

    /// <summary><see cref="Audit.AccountLocked"/>.</summary>
    Lock,

    /// <summary><see cref="Audit.FailedCodes"/>.</summary>
    FailedCodes,

    /// <summary><see cref="Audit.RequestRefused"/>.</summary>
    Refusal,
}

/// <summary>The rule behind <see cref="FailureAnnouncement"/>.</summary>
public static class FailureAnnouncementRule
{
    /// <summary>Decides the announcement for one failure as the store recorded it.</summary>
    public static FailureAnnouncement Decide(FailureRecord recorded, AuthenticationFailure failure, FailureBudget budget)
    {
        if (recorded is null) throw new ArgumentNullException(nameof(recorded));
        if (budget is null) throw new ArgumentNullException(nameof(budget));
        if (!recorded.Enrolled || failure == AuthenticationFailure.UnknownAccount) return FailureAnnouncement.None;
        if (recorded.LockedByThisFailure) return FailureAnnouncement.Lock;
        if (!recorded.Counted) return FailureAnnouncement.None;
        if (failure == AuthenticationFailure.ReplayedCode) return FailureAnnouncement.Refusal;
        return budget.IsAnnounced(recorded.WindowFailures) ? FailureAnnouncement.FailedCodes : FailureAnnouncement.None;
    }
}
