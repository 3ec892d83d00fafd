using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;

namespace StsFtw.Testing.Enrollment;

/// <summary>Enrolls an account through Core as an admin would: a fresh key, protected, written with a conditional put.</summary>
public static class AdminEnrollment
{
    /// <summary>Enrolls <paramref name="account"/> and returns the key its phone now holds.</summary>
    public static async Task<TotpKey> EnrollAsync(
        IEnrollmentStore table, ISecretProtector protector, AccountKey account, IReadOnlyList<string> roles, IReadOnlyList<string>? secondaryAuthorizers = null)
    {
        var key = TotpKey.Generate(account.Issuer, account.AccountName);
        var stored = await protector.ProtectAsync(account, key, CancellationToken.None).ConfigureAwait(false);
        await table.CreateAsync(
            new AuthEntry(account) { Roles = roles, SecondaryAuthorizers = secondaryAuthorizers ?? Array.Empty<string>(), Secret = stored },
            overwrite: false, CancellationToken.None).ConfigureAwait(false);
        return key;
    }
}
