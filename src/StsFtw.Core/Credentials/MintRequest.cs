using StsFtw.Core.Accounts;
using StsFtw.Core.Broker;

namespace StsFtw.Core.Credentials;

/// <summary>What to assume, for whom, for how long. Built by the broker only after authentication and authorization.</summary>
/// <param name="Account">Who asked (becomes the session name, SourceIdentity and session tags).</param>
/// <param name="Role">A role name or ARN whose resolved ARN <see cref="RoleArnPolicy"/> already allowed.</param>
/// <param name="DurationSeconds">Session length, already validated.</param>
/// <param name="SecondaryAccountName">Who co-signed, if anyone.</param>
/// <param name="Context">The request, for tagging.</param>
public sealed record MintRequest(AccountKey Account, string Role, int DurationSeconds, string? SecondaryAccountName, RequestContext Context);
