namespace StsFtw.Core.Audit;

/// <summary>The audit channel (SNS topic, e-mailed to the admins).</summary>
/// <remarks>
/// A publish that returns has been accepted by the channel. Any failure throws
/// <see cref="Dependencies.DependencyFailureException"/> with <see cref="Dependencies.Dependency.AuditTopic"/>:
/// the broker then withholds credentials (rule 6, fail closed).
/// </remarks>
public interface IAuditSink
{
    /// <summary>Publishes one event; <paramref name="delivery"/> says whether a failed attempt is retried.</summary>
    Task PublishAsync(AuditEvent auditEvent, AuditDelivery delivery, CancellationToken cancellationToken);
}
