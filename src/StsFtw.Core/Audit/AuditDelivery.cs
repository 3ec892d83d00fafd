namespace StsFtw.Core.Audit;

/// <summary>How hard the audit channel tries to deliver one event.</summary>
public enum AuditDelivery
{
    /// <summary>Retried on throttling and transient failures: mints (which fail closed on it) and locks (rare by construction).</summary>
    Retried,

    /// <summary>
    /// One attempt, never retried: announcements that anyone can cause by sending requests, so that a flood cannot
    /// multiply into retries against the topic's throughput (SECURITY.md, "Anyone on the network").
    /// </summary>
    OneAttempt,
}
