using StsFtw.Core.Accounts;

namespace StsFtw.Core.Broker;

/// <summary>A request whose every field passed <see cref="Validation.InputRules"/>.</summary>
/// <param name="Primary">Who asks.</param>
/// <param name="TotpCode">The primary's code (six digits).</param>
/// <param name="Role">The role name or ARN asked for.</param>
/// <param name="Secondary">The co-signer (same issuer), when the request names one.</param>
/// <param name="SecondaryTotpCode">The co-signer's code, present exactly when <paramref name="Secondary"/> is.</param>
/// <param name="DurationSeconds">The session length, the deployment default when the request gave none.</param>
public sealed record ValidatedRequest(
    AccountKey Primary, string TotpCode, string Role, AccountKey? Secondary, string? SecondaryTotpCode, int DurationSeconds)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"ValidatedRequest {{ Primary = {Primary}, Role = {Role}, Secondary = {Secondary?.AccountName}, DurationSeconds = {DurationSeconds} }}";
}
