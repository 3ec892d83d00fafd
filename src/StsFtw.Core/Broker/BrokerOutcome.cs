using StsFtw.Core.Accounts;
using StsFtw.Core.Credentials;
using StsFtw.Core.Dependencies;

namespace StsFtw.Core.Broker;

/// <summary>What the broker decided for one request.</summary>
public abstract record BrokerOutcome;

/// <summary>Credentials were minted and the mint was published to the audit channel.</summary>
public sealed record CredentialsIssued(IssuedCredentials Credentials, AccountKey Account, string Role, string? SecondaryAccountName)
    : BrokerOutcome;

/// <summary>The request was refused.</summary>
/// <param name="Reason">What the client may learn.</param>
/// <param name="Message">A message safe to show the client: it never tells an unknown account from a wrong code.</param>
/// <param name="Problems">For <see cref="RefusalReason.InvalidRequest"/>, one sentence per invalid field.</param>
/// <param name="RetryAfter">For <see cref="RefusalReason.AccountLocked"/>, how long until the lock ends.</param>
/// <param name="Party">Whose check failed, when the request got that far (operators only).</param>
/// <param name="Failure">For authentication failures, the real cause (operators only).</param>
/// <param name="AuditPublished">
/// False when an announcement of the refusal was attempted and failed (the refusal stands either way); true also when
/// none was due (unknown accounts, and wrong codes between the announced thresholds, are only logged).
/// </param>
public sealed record RequestRefusal(
    RefusalReason Reason,
    string Message,
    IReadOnlyList<string> Problems,
    TimeSpan? RetryAfter = null,
    Party? Party = null,
    AuthenticationFailure? Failure = null,
    bool AuditPublished = true) : BrokerOutcome;

/// <summary>An outside service failed; no credentials left the broker.</summary>
/// <param name="Dependency">Which service.</param>
/// <param name="Message">For operators' logs; carries no secret.</param>
public sealed record DependencyFailed(Dependency Dependency, string Message) : BrokerOutcome;
