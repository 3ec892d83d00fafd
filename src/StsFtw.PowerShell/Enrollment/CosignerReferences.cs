using System.Globalization;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;

namespace StsFtw.PowerShell.Enrollment;

/// <summary>
/// The entries of an issuer that list an account as co-signer, found with a bounded Query of the issuer
/// (SECURITY.md admin rule B5: a name left in a co-signer list makes whoever is enrolled under it later a co-signer).
/// </summary>
internal sealed record CosignerReferences(IReadOnlyList<string> AccountNames, bool Complete)
{
    /// <summary>Entries read per page.</summary>
    public const int PageSize = 100;

    /// <summary>Most pages read (5,000 entries); past that the answer is incomplete.</summary>
    public const int MostPages = 50;

    /// <summary>Most names a message shows.</summary>
    public const int MostNamesShown = 10;

    /// <summary>Reads the issuer's entries (at most <see cref="MostPages"/> pages) and keeps those that list <paramref name="account"/>.</summary>
    public static async Task<CosignerReferences> FindAsync(IEnrollmentStore store, AccountKey account, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(account.Issuer, PageSize, token, cancellationToken).ConfigureAwait(false);
            pages++;
            names.AddRange(page.Entries
                .Where(e => !string.Equals(e.Account.AccountName, account.AccountName, StringComparison.Ordinal)
                    && e.SecondaryAuthorizers.Contains(account.AccountName, StringComparer.Ordinal))
                .Select(e => e.Account.AccountName));
            token = page.ContinuationToken;
        }
        while (token is not null && pages < MostPages);
        return new CosignerReferences(names, token is null);
    }

    /// <summary>True when at least one entry lists the account (or the search stopped before the end).</summary>
    public bool Any => AccountNames.Count > 0 || !Complete;

    /// <summary>The names for a message: at most <see cref="MostNamesShown"/>, then how many more.</summary>
    public string Describe()
    {
        var shown = string.Join(", ", AccountNames.Take(MostNamesShown));
        var more = AccountNames.Count - MostNamesShown;
        if (more > 0) shown += string.Format(CultureInfo.InvariantCulture, " and {0} more", more);
        if (!Complete) shown += string.Format(CultureInfo.InvariantCulture, "{0}(only the first {1} entries of the issuer were read)", shown.Length > 0 ? " " : string.Empty, PageSize * MostPages);
        return shown;
    }
}
