using StsFtw.Core.Audit;
using StsFtw.Core.Dependencies;

namespace StsFtw.Testing.Fakes;

public sealed class RecordingAuditSink : IAuditSink
{
    private readonly List<AuditEvent> _published = new();
    private readonly List<AuditDelivery> _deliveries = new();

    public bool Fail { get; set; }

    /// <summary>Each publish waits until it is cancelled, like a topic that never answers.</summary>
    public bool Hang { get; set; }

    /// <summary>Released once for each publish that started hanging.</summary>
    public SemaphoreSlim Hanging { get; } = new(0);

    public IReadOnlyList<AuditEvent> Published
    {
        get { lock (_published) return _published.ToArray(); }
    }

    public IEnumerable<T> OfType<T>() where T : AuditEvent => Published.OfType<T>();

    /// <summary>How each published event was to be delivered, in order.</summary>
    public IReadOnlyList<AuditDelivery> Deliveries
    {
        get { lock (_published) return _deliveries.ToArray(); }
    }

    public async Task PublishAsync(AuditEvent auditEvent, AuditDelivery delivery, CancellationToken cancellationToken)
    {
        if (Hang)
        {
            Hanging.Release();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        if (Fail) throw new DependencyFailureException(Dependency.AuditTopic, "The audit topic refused the message (test).");
        lock (_published)
        {
            _published.Add(auditEvent);
            _deliveries.Add(delivery);
        }
    }
}
