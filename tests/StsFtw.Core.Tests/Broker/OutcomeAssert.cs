using StsFtw.Core.Broker;

namespace StsFtw.Core.Tests.Broker;

internal static class OutcomeAssert
{
    public static CredentialsIssued Issued(BrokerOutcome outcome)
    {
        if (outcome is CredentialsIssued issued) return issued;
        throw new Xunit.Sdk.XunitException($"Expected credentials, got {outcome}.");
    }

    public static RequestRefusal Refused(BrokerOutcome outcome, RefusalReason reason)
    {
        if (outcome is RequestRefusal refusal && refusal.Reason == reason) return refusal;
        throw new Xunit.Sdk.XunitException($"Expected a {reason} refusal, got {outcome}.");
    }
}
