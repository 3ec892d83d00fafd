using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.Fakes;
using static StsFtw.Core.Tests.Broker.OutcomeAssert;

namespace StsFtw.Core.Tests.Broker;

/// <summary>Rule 1: an entry whose secret is missing, empty or unparsable never authenticates.</summary>
public sealed class UnusableSecretTests
{
    public static TheoryData<string, StoredSecret> UnusableSecrets => new()
    {
        { "no secret", StoredSecret.None },
        { "empty url", new StoredSecret(string.Empty, null) },
        { "not a URI", new StoredSecret("not a uri", null) },
        { "no secret parameter", new StoredSecret("otpauth://totp/Example:alice?issuer=Example", null) },
        { "empty secret parameter", new StoredSecret("otpauth://totp/Example:alice?issuer=Example&secret=", null) },
        { "80-bit secret", new StoredSecret("otpauth://totp/Example:alice?issuer=Example&secret=JBSWY3DPEHPK3PXP", null) },
        { "ciphertext without a key service", new StoredSecret(null, new byte[] { 1, 2, 3, 4 }) },
    };

    [Theory]
    [MemberData(nameof(UnusableSecrets))]
    public async Task EntryWithUnusableSecretNeverAuthenticates(string description, StoredSecret stored)
    {
        var harness = new BrokerHarness();
        harness.Store.Put(new AuthEntry(BrokerHarness.Account("alice")) { Roles = new[] { "Developer" }, Secret = stored });

        // Try every code an attacker could guess cheaply: the empty-key codes and a sweep.
        for (var i = 0; i < 4; i++)
        {
            var code = i == 0 ? EmptyKeyTotp.CodeAt(harness.Clock.GetUtcNow()) : new[] { "000000", "123456", "999999" }[i - 1];
            var refusal = Refused(await harness.AskAsync("alice", code), RefusalReason.AuthenticationFailed);
            Assert.True(refusal.Failure == AuthenticationFailure.UnusableSecret, description);
            harness.NextStep();
        }
        Assert.Empty(harness.Minter.Requests);
    }
}
