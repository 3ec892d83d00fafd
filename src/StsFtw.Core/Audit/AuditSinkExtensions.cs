namespace StsFtw.Core.Audit;

/// <summary>Conveniences over <see cref="IAuditSink"/>.</summary>
public static class AuditSinkExtensions
{
    /// <summary>Publishes one event with <see cref="AuditDelivery.Retried"/>.</summary>
    public static Task PublishAsync(this IAuditSink sink, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        if (sink is null) throw new ArgumentNullException(nameof(sink));
        return sink.PublishAsync(auditEvent, AuditDelivery.Retried, cancellationToken);
    }
}
