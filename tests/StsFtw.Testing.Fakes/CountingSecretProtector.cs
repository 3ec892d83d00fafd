using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;

namespace StsFtw.Testing.Fakes;

/// <summary>The real plaintext protector, counting reveals so tests can show both paths do the same work.</summary>
public sealed class CountingSecretProtector : ISecretProtector
{
    private readonly PlaintextSecretProtector _inner = new();
    private int _reveals;

    public int Reveals => Volatile.Read(ref _reveals);

    public Task<StoredSecret> ProtectAsync(AccountKey account, TotpKey key, CancellationToken cancellationToken) =>
        _inner.ProtectAsync(account, key, cancellationToken);

    public Task<TotpSecret?> RevealAsync(AccountKey account, StoredSecret stored, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reveals);
        return _inner.RevealAsync(account, stored, cancellationToken);
    }
}
