using StsFtw.Core.Accounts;
using StsFtw.Core.Validation;

namespace StsFtw.Core.Broker;

/// <summary>Checks a <see cref="CredentialRequest"/> field by field and reports every problem at once.</summary>
public static class CredentialRequestValidator
{
    /// <summary>Validates <paramref name="request"/>.</summary>
    /// <param name="request">The untrusted request.</param>
    /// <param name="defaultDurationSeconds">Session length when the request gives none.</param>
    /// <param name="maximumDurationSeconds">The deployment's longest allowed session.</param>
    /// <param name="problems">Why the request is invalid, one sentence per field (empty when valid).</param>
    /// <returns>The validated request, or null when <paramref name="problems"/> is not empty.</returns>
    public static ValidatedRequest? Validate(
        CredentialRequest request, int defaultDurationSeconds, int maximumDurationSeconds, out IReadOnlyList<string> problems)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        var found = new List<string>();
        void Check(string? problem)
        {
            if (problem is not null) found.Add(problem);
        }

        Check(InputRules.CheckIssuer(request.Issuer));
        Check(InputRules.CheckAccountName(request.AccountName));
        Check(InputRules.CheckTotpCode(request.TotpCode));
        Check(InputRules.CheckRole(request.Role));

        // STSFTW's client always sends the secondary fields, empty when unused: empty means absent.
        var secondaryName = NullIfEmpty(request.SecondaryAccountName);
        var secondaryCode = NullIfEmpty(request.SecondaryTotpCode);
        if (secondaryName is not null)
        {
            Check(InputRules.CheckAccountName(secondaryName, "SecondaryAccountName"));
            Check(InputRules.CheckTotpCode(secondaryCode, "SecondaryTOTPCode"));
        }
        else if (secondaryCode is not null)
        {
            found.Add("SecondaryTOTPCode was given without SecondaryAccountName.");
        }

        var duration = request.DurationSeconds ?? defaultDurationSeconds;
        Check(InputRules.CheckDurationSeconds(duration, maximumDurationSeconds));

        problems = found;
        if (found.Count > 0) return null;

        var primary = new AccountKey(request.Issuer!, request.AccountName!);
        var secondary = secondaryName is null ? null : new AccountKey(primary.Issuer, secondaryName);
        return new ValidatedRequest(primary, request.TotpCode!, request.Role!, secondary, secondaryCode, duration);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
