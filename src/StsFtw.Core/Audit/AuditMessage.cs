namespace StsFtw.Core.Audit;

/// <summary>An audit event rendered for people: a one-line subject, a body, and a machine-readable event type
/// (sent as a message attribute so subscriptions can filter, e.g. e-mail only mints and lockouts).</summary>
public sealed record AuditMessage(string Subject, string Body, string EventType);
