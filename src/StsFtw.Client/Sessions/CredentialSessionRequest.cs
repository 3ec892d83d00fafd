using StsFtw.Client.Codes;

namespace StsFtw.Client.Sessions;

/// <summary>
/// What a front door asks a <see cref="CredentialSession"/> for: the request without its codes, and where each code
/// comes from when one is needed.
/// </summary>
/// <param name="Issuer">The issuer.</param>
/// <param name="AccountName">The account that asks.</param>
/// <param name="Role">The role (name or ARN).</param>
/// <param name="Code">Where the account's code comes from.</param>
public sealed record CredentialSessionRequest(string Issuer, string AccountName, string Role, CodeSource Code)
{
    /// <summary>The co-signer's account name, or null.</summary>
    public string? SecondaryAccountName { get; init; }

    /// <summary>Where the co-signer's code comes from; required when <see cref="SecondaryAccountName"/> is set.</summary>
    public CodeSource? SecondaryCode { get; init; }

    /// <summary>The session length to ask for, or null for the backend's default.</summary>
    public int? DurationSeconds { get; init; }
}
