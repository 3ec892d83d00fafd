using System.Diagnostics;
using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using StsFtw.Aws.Kms;
using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Aws.Tests.Kms;

/// <summary>The KMS adapter against the JSON 1.1 stand-in, through the real AWSSDK.KeyManagementService client.</summary>
public sealed class KmsSecretProtectorTests : IDisposable
{
    private static readonly AccountKey Alice = new("Example Corp", "alice@example.com");
    private static readonly AccountKey Mallory = new("Example Corp", "mallory@example.com");

    private readonly KmsStandIn _kms = new();
    private readonly List<IDisposable> _clients = new();

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
        _kms.Dispose();
    }

    [Fact]
    public async Task ProtectedSecretRevealsTheSameSecret()
    {
        var protector = Protector();
        var key = TotpKey.Generate(Alice.Issuer, Alice.AccountName);

        var stored = await protector.ProtectAsync(Alice, key, CancellationToken.None);
        var revealed = await protector.RevealAsync(Alice, stored, CancellationToken.None);

        Assert.Null(stored.OtpAuthUri);
        Assert.True(stored.HasCiphertext);
        Assert.Equal(key.Secret.ToBase32(), revealed?.ToBase32());
    }

    [Fact]
    public async Task EncryptionContextNamesTheAccountOnBothCalls()
    {
        var protector = Protector(_kms.AliasName);

        var stored = await protector.ProtectAsync(Alice, TotpKey.Generate(Alice.Issuer, Alice.AccountName), CancellationToken.None);
        await protector.RevealAsync(Alice, stored, CancellationToken.None);

        foreach (var call in new[] { Assert.Single(_kms.CallsTo(KmsStandIn.Encrypt)), Assert.Single(_kms.CallsTo(KmsStandIn.Decrypt)) })
        {
            Assert.Equal(_kms.AliasName, call["KeyId"]);
            Assert.Equal("Example Corp", call["EncryptionContext.issuer"]);
            Assert.Equal("alice@example.com", call["EncryptionContext.account_name"]);
            Assert.Equal(2, call.Parameters.Keys.Count(k => k.StartsWith("EncryptionContext.", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task CiphertextMovedToAnotherAccountRevealsNothing()
    {
        var protector = Protector();
        var stored = await protector.ProtectAsync(Alice, TotpKey.Generate(Alice.Issuer, Alice.AccountName), CancellationToken.None);

        var revealed = await protector.RevealAsync(Mallory, stored, CancellationToken.None);

        Assert.Null(revealed);
    }

    [Fact]
    public async Task RandomDecoyCiphertextRevealsNothingAfterTheSameKmsRoundTrip()
    {
        var decoy = new StoredSecret(null, RandomNumberGenerator.GetBytes(184));

        var revealed = await Protector().RevealAsync(Alice, decoy, CancellationToken.None);

        Assert.Null(revealed);
        Assert.Single(_kms.CallsTo(KmsStandIn.Decrypt));
    }

    [Fact]
    public async Task CiphertextUnderAnotherKeyRevealsNothing()
    {
        var otherKey = _kms.CreateKey();
        var stored = await Protector(otherKey).ProtectAsync(Alice, TotpKey.Generate(Alice.Issuer, Alice.AccountName), CancellationToken.None);

        var revealed = await Protector(_kms.KeyArn).RevealAsync(Alice, stored, CancellationToken.None);

        Assert.Null(revealed);
    }

    [Fact]
    public async Task PlaintextOfTheWrongLengthRevealsNothing()
    {
        var client = Client();
        var encrypted = await client.EncryptAsync(new EncryptRequest
        {
            KeyId = _kms.KeyId,
            Plaintext = new MemoryStream(new byte[10]),
            EncryptionContext = new Dictionary<string, string> { ["issuer"] = Alice.Issuer, ["account_name"] = Alice.AccountName },
        });

        var revealed = await Protector().RevealAsync(Alice, new StoredSecret(null, encrypted.CiphertextBlob.ToArray()), CancellationToken.None);

        Assert.Null(revealed);
    }

    [Fact]
    public async Task LegacyUrlEntryStillRevealsItsSecretWithoutKms()
    {
        var key = TotpKey.Generate(Alice.Issuer, Alice.AccountName);

        var revealed = await Protector().RevealAsync(Alice, new StoredSecret(key.ToUri(), null), CancellationToken.None);

        Assert.Equal(key.Secret.ToBase32(), revealed?.ToBase32());
        Assert.Empty(_kms.Calls);
    }

    [Fact]
    public async Task LegacyUrlEntryRevealsNothingWhenPlaintextSecretsAreRefused()
    {
        var key = TotpKey.Generate(Alice.Issuer, Alice.AccountName);
        var protector = new KmsSecretProtector(Client(null, 0), _kms.KeyId, PlaintextSecretPolicy.Refuse);

        var revealed = await protector.RevealAsync(Alice, new StoredSecret(key.ToUri(), null), CancellationToken.None);

        Assert.Null(revealed);
        Assert.Empty(_kms.Calls);
    }

    [Fact]
    public async Task CiphertextStillRevealsWhenPlaintextSecretsAreRefused()
    {
        var key = TotpKey.Generate(Alice.Issuer, Alice.AccountName);
        var protector = new KmsSecretProtector(Client(null, 0), _kms.KeyId, PlaintextSecretPolicy.Refuse);
        var encrypted = await protector.ProtectAsync(Alice, key, CancellationToken.None);

        var revealed = await protector.RevealAsync(Alice, encrypted, CancellationToken.None);

        Assert.Equal(key.Secret.ToBase32(), revealed?.ToBase32());
    }

    [Fact]
    public async Task CiphertextWinsOverALegacyUrl()
    {
        var protector = Protector();
        var current = TotpKey.Generate(Alice.Issuer, Alice.AccountName);
        var legacy = TotpKey.Generate(Alice.Issuer, Alice.AccountName);
        var encrypted = await protector.ProtectAsync(Alice, current, CancellationToken.None);

        var revealed = await protector.RevealAsync(Alice, new StoredSecret(legacy.ToUri(), encrypted.Ciphertext), CancellationToken.None);

        Assert.Equal(current.Secret.ToBase32(), revealed?.ToBase32());
    }

    [Fact]
    public async Task EmptyEntryRevealsNothing()
    {
        Assert.Null(await Protector().RevealAsync(Alice, StoredSecret.None, CancellationToken.None));
    }

    [Theory]
    [InlineData(400, "AccessDeniedException")]
    [InlineData(400, "KMSInvalidStateException")]
    [InlineData(400, "DisabledException")]
    [InlineData(500, "KeyUnavailableException")]
    [InlineData(400, "NotFoundException")]
    public async Task KmsRefusalsOnDecryptBecomeSecretKeyFailures(int status, string code)
    {
        _kms.Fail(KmsStandIn.Decrypt, status, code);

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(
            () => Protector().RevealAsync(Alice, new StoredSecret(null, new byte[64]), CancellationToken.None));

        Assert.Equal(Dependency.SecretKey, failure.Dependency);
        Assert.Contains(code, failure.Message);
    }

    [Fact]
    public async Task KmsRefusalOnEncryptBecomesSecretKeyFailure()
    {
        _kms.Fail(KmsStandIn.Encrypt, 400, "AccessDeniedException");

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(
            () => Protector().ProtectAsync(Alice, TotpKey.Generate(Alice.Issuer, Alice.AccountName), CancellationToken.None));

        Assert.Equal(Dependency.SecretKey, failure.Dependency);
        Assert.Contains("AccessDeniedException", failure.Message);
    }

    [Fact]
    public async Task ThrottlingPastTheRetriesBecomesSecretKeyFailure()
    {
        _kms.Throttle(KmsStandIn.Decrypt);

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(
            () => Protector(maxErrorRetry: 1).RevealAsync(Alice, new StoredSecret(null, new byte[64]), CancellationToken.None));

        Assert.Contains("ThrottlingException", failure.Message);
        Assert.Equal(2, _kms.CallsTo(KmsStandIn.Decrypt).Count);
    }

    [Fact]
    public async Task StalledKmsFailsWithinBoundedTime()
    {
        _kms.Stall(KmsStandIn.Decrypt, TimeSpan.FromSeconds(30));
        var protector = Protector(timeout: TimeSpan.FromMilliseconds(500), maxErrorRetry: 1);
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<DependencyFailureException>(
            () => protector.RevealAsync(Alice, new StoredSecret(null, new byte[64]), CancellationToken.None));

        Assert.Equal(Dependency.SecretKey, failure.Dependency);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task CallerCancellationPropagatesAsCancellation()
    {
        _kms.Stall(KmsStandIn.Decrypt, TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Protector(timeout: TimeSpan.FromSeconds(20)).RevealAsync(Alice, new StoredSecret(null, new byte[64]), cancellation.Token));
    }

    private AmazonKeyManagementServiceClient Client(TimeSpan? timeout = null, int maxErrorRetry = 0)
    {
        var client = KmsClientFactory.Create(_kms.ServiceUrl, credentials: StandInCredentials.Basic, timeout: timeout, maxErrorRetry: maxErrorRetry);
        _clients.Add(client);
        return client;
    }

    private KmsSecretProtector Protector(string? keyId = null, TimeSpan? timeout = null, int maxErrorRetry = 0) =>
        new(Client(timeout, maxErrorRetry), keyId ?? _kms.KeyId);
}
