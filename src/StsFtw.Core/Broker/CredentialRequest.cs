namespace StsFtw.Core.Broker;

/// <summary>
/// A request for credentials, with STSFTW's field names (<c>Issuer</c>, <c>AccountName</c>, <c>TOTPCode</c>,
/// <c>SecondaryAccountName</c>, <c>SecondaryTOTPCode</c>, <c>Role</c>) plus the optional <c>DurationSeconds</c>.
/// </summary>
/// <remarks>Values are untrusted until <see cref="CredentialRequestValidator"/> accepts them.</remarks>
public sealed record CredentialRequest(
    string? Issuer,
    string? AccountName,
    string? TotpCode,
    string? Role,
    string? SecondaryAccountName = null,
    string? SecondaryTotpCode = null,
    int? DurationSeconds = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"CredentialRequest {{ Issuer = {Issuer}, AccountName = {AccountName}, Role = {Role}, SecondaryAccountName = {SecondaryAccountName}, DurationSeconds = {DurationSeconds} }}";
}
