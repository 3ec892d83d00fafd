using StsFtw.Core.Accounts;

namespace StsFtw.Core.Enrollment;

/// <summary>Conveniences over <see cref="IAuthStore"/> for callers that did not read the entry (tests, tools).</summary>
public static class AuthStoreExtensions
{
    /// <summary>
    /// <see cref="IAuthStore.RecordFailureAsync(AccountKey, AuthEntry?, DateTimeOffset, LockoutPolicy, CancellationToken)"/>
    /// assuming the account is enrolled: correct for any account, at the cost of a second round trip where the guess is
    /// wrong. The request path passes the entry it read instead, so unknown and known accounts cost the same.
    /// </summary>
    public static Task<FailureRecord> RecordFailureAsync(
        this IAuthStore store, AccountKey account, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken)
    {
        if (store is null) throw new ArgumentNullException(nameof(store));
        return store.RecordFailureAsync(account, new AuthEntry(account), now, policy, cancellationToken);
    }
}
