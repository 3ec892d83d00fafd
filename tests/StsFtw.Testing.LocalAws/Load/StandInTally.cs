using StsFtw.Aws.Sns;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Testing.Load;

/// <summary>Counts of what the stand-ins answered: credentials minted, audit messages by event type, KMS decrypts.</summary>
public sealed record StandInTally(int AssumeRole, IReadOnlyDictionary<string, int> AuditEvents, int KmsDecrypt)
{
    /// <summary>Audit messages whose <c>event_type</c> is <paramref name="eventType"/>.</summary>
    public int Audited(string eventType) => AuditEvents.TryGetValue(eventType, out var count) ? count : 0;

    /// <summary>Counts the calls the stand-ins have recorded.</summary>
    public static StandInTally Of(StsStandIn sts, SnsStandIn sns, KmsStandIn kms)
    {
        ArgumentNullException.ThrowIfNull(sts);
        ArgumentNullException.ThrowIfNull(sns);
        ArgumentNullException.ThrowIfNull(kms);
        var events = sns.CallsTo(SnsStandIn.Publish)
            .GroupBy(call => EventTypeOf(call) ?? "(none)", StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        return new StandInTally(sts.CallsTo(StsStandIn.AssumeRole).Count, events, kms.CallsTo(KmsStandIn.Decrypt).Count);
    }

    /// <summary>The counts that arrived between <paramref name="before"/> and this tally.</summary>
    public StandInTally Since(StandInTally before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var events = AuditEvents.ToDictionary(pair => pair.Key, pair => pair.Value - before.Audited(pair.Key), StringComparer.Ordinal);
        return new StandInTally(AssumeRole - before.AssumeRole, events, KmsDecrypt - before.KmsDecrypt);
    }

    // The sink names its one message attribute first: MessageAttributes.entry.1 is event_type.
    private static string? EventTypeOf(RecordedCall call) =>
        call["MessageAttributes.entry.1.Name"] == SnsAuditSink.EventTypeAttribute ? call["MessageAttributes.entry.1.Value.StringValue"] : null;
}
