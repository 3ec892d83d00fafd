using StsFtw.Core.Invitations;
using StsFtw.Core.Validation;

namespace StsFtw.Client.Enrollment;

/// <summary>
/// Redeems an invitation (<c>POST /enrollment/start</c>): who the person is, the invitation code the admin sent, and
/// for a rotation a current code of the old device. <see cref="ToString"/> hides both codes.
/// </summary>
public sealed record EnrollmentStartInput(string Issuer, string AccountName, string InvitationCode)
{
    /// <summary>For a rotation: a current code of the old device; null otherwise.</summary>
    public string? CurrentCode { get; init; }

    /// <summary>One sentence per invalid field (never the value); empty when the request may be sent.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = EnrollmentInputRules.Common(Issuer, AccountName, InvitationCode);
        if (CurrentCode is not null && InputRules.CheckTotpCode(CurrentCode, "CurrentCode") is { } problem) problems.Add(problem);
        return problems;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"EnrollmentStartInput {{ Issuer = {Issuer}, AccountName = {AccountName}, InvitationCode = [redacted], CurrentCode = {(CurrentCode is null ? "" : "[redacted]")} }}";
}

/// <summary>
/// Confirms a redeemed invitation (<c>POST /enrollment/confirm</c>) with two consecutive codes of the new device.
/// <see cref="ToString"/> hides every code.
/// </summary>
public sealed record EnrollmentConfirmInput(string Issuer, string AccountName, string InvitationCode, string FirstCode, string SecondCode)
{
    /// <summary>One sentence per invalid field (never the value); empty when the request may be sent.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = EnrollmentInputRules.Common(Issuer, AccountName, InvitationCode);
        if (InputRules.CheckTotpCode(FirstCode, "FirstCode") is { } first) problems.Add(first);
        if (InputRules.CheckTotpCode(SecondCode, "SecondCode") is { } second) problems.Add(second);
        return problems;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"EnrollmentConfirmInput {{ Issuer = {Issuer}, AccountName = {AccountName}, InvitationCode = [redacted], FirstCode = [redacted], SecondCode = [redacted] }}";
}

internal static class EnrollmentInputRules
{
    public static List<string> Common(string issuer, string accountName, string invitationCode)
    {
        var problems = new List<string>();
        if (InputRules.CheckIssuer(issuer) is { } issuerProblem) problems.Add(issuerProblem);
        if (InputRules.CheckAccountName(accountName) is { } accountProblem) problems.Add(accountProblem);
        if (Core.Invitations.InvitationCode.TryParse(invitationCode) is null)
        {
            problems.Add($"InvitationCode is not an invitation code ({Core.Invitations.InvitationCode.Prefix}- and 32 letters A-Z and digits 2-7, as the admin sent it).");
        }
        return problems;
    }

    /// <summary>The code in its canonical form (what the backend parses either way; it trims what a paste adds).</summary>
    public static string Canonical(string invitationCode) => InvitationCode.TryParse(invitationCode)!.Reveal();
}
