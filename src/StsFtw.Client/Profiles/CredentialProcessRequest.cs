using StsFtw.Client.Endpoint;
using StsFtw.Client.Exec;
using StsFtw.Core.Validation;

namespace StsFtw.Client.Profiles;

/// <summary>
/// What an AWS profile's <c>credential_process</c> asks for each time the AWS CLI or an SDK runs it: the endpoint, the
/// issuer, the account and the role, and optionally a co-signer, a session length, a region and a code command. Codes
/// are never part of it.
/// </summary>
/// <remarks>
/// <see cref="Validate"/> applies the backend's rules (<see cref="InputRules"/>) and, because every value ends up inside
/// a command line that shells and the AWS CLI split, a narrower character set: see <see cref="CredentialProcessCommand"/>.
/// </remarks>
public sealed record CredentialProcessRequest(string Endpoint, string Issuer, string AccountName, string Role)
{
    /// <summary>Longest code command accepted.</summary>
    public const int MaximumCodeCommandLength = 1024;

    /// <summary>The co-signer's account name, or null.</summary>
    public string? SecondaryAccountName { get; init; }

    /// <summary>The session length to ask for, or null for the backend's default.</summary>
    public int? DurationSeconds { get; init; }

    /// <summary>The AWS region for the credentials, or null.</summary>
    public string? Region { get; init; }

    /// <summary>A command that prints the current code (<c>op item get AWS --otp</c>), or null.</summary>
    public string? TotpCodeCommand { get; init; }

    /// <summary>One sentence per value that cannot be used; empty when the request can be written.</summary>
    /// <remarks>The sentences name the field and the rule, never the value.</remarks>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!CredentialEndpoint.TryCreate(Endpoint, out _, out var endpointProblem)) problems.Add(endpointProblem);
        else Add(problems, CredentialProcessCommand.CheckValue(Endpoint, "Endpoint", CredentialProcessCommand.UrlCharacters));
        Add(problems, InputRules.CheckIssuer(Issuer) ?? CredentialProcessCommand.CheckValue(Issuer, "Issuer", CredentialProcessCommand.NameCharacters));
        Add(problems, InputRules.CheckAccountName(AccountName) ?? CredentialProcessCommand.CheckValue(AccountName, "AccountName", CredentialProcessCommand.NameCharacters));
        Add(problems, InputRules.CheckRole(Role) ?? CredentialProcessCommand.CheckValue(Role, "Role", CredentialProcessCommand.NameCharacters));
        if (SecondaryAccountName is not null)
        {
            Add(problems, InputRules.CheckAccountName(SecondaryAccountName, "SecondaryAccountName")
                ?? CredentialProcessCommand.CheckValue(SecondaryAccountName, "SecondaryAccountName", CredentialProcessCommand.NameCharacters));
        }
        if (DurationSeconds is { } duration) Add(problems, InputRules.CheckDurationSeconds(duration));
        if (Region is not null && CommandEnvironment.CheckRegion(Region) is { } regionProblem) problems.Add("Region: " + regionProblem);
        if (TotpCodeCommand is not null)
        {
            Add(problems, TotpCodeCommand.Length > MaximumCodeCommandLength
                ? $"TotpCodeCommand is longer than {MaximumCodeCommandLength} characters."
                : CredentialProcessCommand.CheckValue(TotpCodeCommand, "TotpCodeCommand", CredentialProcessCommand.CodeCommandCharacters));
        }
        return problems;
    }

    private static void Add(List<string> problems, string? problem)
    {
        if (problem is not null) problems.Add(problem);
    }
}
