using Microsoft.Extensions.Time.Testing;
using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;
using StsFtw.Testing.Fakes;

namespace StsFtw.Core.Tests.Protection;

public sealed class CachingSecretProtectorTests
{
    private static readonly AccountKey Alice = new("Example", "alice");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly CountingSecretProtector _inner = new();

    private static StoredSecret StoredFor(string name) => new(TotpKey.Generate("Example", name).ToUri(), null);

    [Fact]
    public async Task SecondRevealWithinTheLifetimeSkipsTheKeyService()
    {
        var cache = new CachingSecretProtector(_inner, _clock);
        var stored = StoredFor("alice");

        var first = await cache.RevealAsync(Alice, stored, CancellationToken.None);
        var second = await cache.RevealAsync(Alice, stored, CancellationToken.None);

        Assert.Equal(1, _inner.Reveals);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task RevealAfterTheLifetimeAsksAgain()
    {
        var cache = new CachingSecretProtector(_inner, _clock, TimeSpan.FromMinutes(5));
        var stored = StoredFor("alice");

        await cache.RevealAsync(Alice, stored, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await cache.RevealAsync(Alice, stored, CancellationToken.None);

        Assert.Equal(2, _inner.Reveals);
    }

    [Fact]
    public async Task RotatedDeviceIsAMiss()
    {
        var cache = new CachingSecretProtector(_inner, _clock);

        var before = await cache.RevealAsync(Alice, StoredFor("alice"), CancellationToken.None);
        var after = await cache.RevealAsync(Alice, StoredFor("alice"), CancellationToken.None);

        Assert.Equal(2, _inner.Reveals);
        Assert.NotEqual(before!.ToBase32(), after!.ToBase32());
    }

    [Fact]
    public async Task SameStoredFormUnderAnotherAccountIsAMiss()
    {
        var cache = new CachingSecretProtector(_inner, _clock);
        var stored = StoredFor("alice");

        await cache.RevealAsync(Alice, stored, CancellationToken.None);
        await cache.RevealAsync(new AccountKey("Example", "mallory"), stored, CancellationToken.None);

        Assert.Equal(2, _inner.Reveals);
    }

    [Fact]
    public async Task NothingUsableIsRememberedSoUnknownAccountsCostTheSameAsKnownOnes()
    {
        var cache = new CachingSecretProtector(_inner, _clock);
        var decoy = new StoredSecret(null, new byte[] { 1, 2, 3 });

        Assert.Null(await cache.RevealAsync(Alice, decoy, CancellationToken.None));
        Assert.Null(await cache.RevealAsync(Alice, decoy, CancellationToken.None));

        Assert.Equal(1, _inner.Reveals);
    }

    [Fact]
    public async Task FailuresAreNeverRemembered()
    {
        var failing = new FailingOnceProtector();
        var cache = new CachingSecretProtector(failing, _clock);
        var stored = StoredFor("alice");

        await Assert.ThrowsAsync<DependencyFailureException>(() => cache.RevealAsync(Alice, stored, CancellationToken.None));
        Assert.NotNull(await cache.RevealAsync(Alice, stored, CancellationToken.None));
    }

    [Fact]
    public async Task CapacityIsNeverExceeded()
    {
        var cache = new CachingSecretProtector(_inner, _clock, capacity: 3);
        var stored = Enumerable.Range(0, 5).Select(i => (Account: new AccountKey("Example", "user" + i), Stored: StoredFor("user" + i))).ToArray();
        foreach (var (account, secret) in stored)
        {
            await cache.RevealAsync(account, secret, CancellationToken.None);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        // The two oldest were evicted; the three newest are still remembered.
        await cache.RevealAsync(stored[4].Account, stored[4].Stored, CancellationToken.None);
        await cache.RevealAsync(stored[0].Account, stored[0].Stored, CancellationToken.None);

        Assert.Equal(6, _inner.Reveals);
    }

    private sealed class FailingOnceProtector : ISecretProtector
    {
        private int _calls;

        public Task<StoredSecret> ProtectAsync(AccountKey account, TotpKey key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TotpSecret?> RevealAsync(AccountKey account, StoredSecret stored, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new DependencyFailureException(Dependency.SecretKey, "KMS unavailable (test).")
                : Task.FromResult(LegacyUrlSecret.Read(stored.OtpAuthUri));
    }
}
