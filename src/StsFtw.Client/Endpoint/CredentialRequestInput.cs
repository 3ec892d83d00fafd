using StsFtw.Core.Validation;

namespace StsFtw.Client.Endpoint;

/// <summary>
/// What a person sends to the credential endpoint: who they are, the code on their phone, the role, and optionally
/// a co-signer and a session length.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> hides both codes. <see cref="Validate"/> applies the backend's own rules
/// (<see cref="InputRules"/>) so a typo is reported before anything leaves the machine.
/// </remarks>
public sealed record CredentialRequestInput(string Issuer, string AccountName, string Role, string TotpCode)
{
    /// <summary>The co-signer's account name (same issuer), or null.</summary>
    public string? SecondaryAccountName { get; init; }

    /// <summary>The co-signer's code; required when <see cref="SecondaryAccountName"/> is set.</summary>
    public string? SecondaryTotpCode { get; init; }

    /// <summary>The session length to ask for, or null for the backend's default.</summary>
    public int? DurationSeconds { get; init; }

    /// <summary>One sentence per invalid field; empty when the request may be sent.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Add(problems, InputRules.CheckIssuer(Issuer));
        Add(problems, InputRules.CheckAccountName(AccountName));
        Add(problems, InputRules.CheckRole(Role));
        Add(problems, InputRules.CheckTotpCode(TotpCode));
        if (SecondaryAccountName is not null)
        {
            Add(problems, InputRules.CheckAccountName(SecondaryAccountName, "SecondaryAccountName"));
            Add(problems, InputRules.CheckTotpCode(SecondaryTotpCode, "SecondaryTOTPCode"));
        }
        else if (SecondaryTotpCode is not null)
        {
            problems.Add("SecondaryTOTPCode is given without SecondaryAccountName.");
        }
        if (DurationSeconds is { } duration) Add(problems, InputRules.CheckDurationSeconds(duration));
        return problems;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"CredentialRequestInput {{ Issuer = {Issuer}, AccountName = {AccountName}, Role = {Role}, TotpCode = [redacted], " +
        $"SecondaryAccountName = {SecondaryAccountName}, SecondaryTotpCode = {(SecondaryTotpCode is null ? "" : "[redacted]")}, DurationSeconds = {DurationSeconds} }}";

    private static void Add(List<string> problems, string? problem)
    {
        if (problem is not null) problems.Add(problem);
    }
}
