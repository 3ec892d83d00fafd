using StsFtw.Core.Audit;
using StsFtw.Core.Dependencies;

namespace StsFtw.Testing.Fakes;

public sealed class RecordingAuditSink : IAuditSink
{
    private readonly List<AuditEvent> _published = new();

    public bool Fail { get; set; }

    public IReadOnlyList<AuditEvent> Published
    {
        get { lock (_published) return _published.ToArray(); }
    }

    public IEnumerable<T> OfType<T>() where T : AuditEvent => Published.OfType<T>();

    public Task PublishAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        if (Fail) throw new DependencyFailureException(Dependency.AuditTopic, "The audit topic refused the message (test).");
        lock (_published) _published.Add(auditEvent);
        return Task.CompletedTask;
    }
}
