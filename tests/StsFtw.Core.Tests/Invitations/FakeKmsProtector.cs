using System.Text;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;

namespace StsFtw.Core.Tests.Invitations;

/// <summary>A key service stand-in: "ciphertexts" bound to the account (not encryption; these tests check the flow, the Aws tests KMS).</summary>
internal sealed class FakeKmsProtector : ISecretProtector
{
    private readonly PlaintextSecretProtector _plaintext = new();

    public bool Plaintext { get; set; }

    public Task<StoredSecret> ProtectAsync(AccountKey account, TotpKey key, CancellationToken cancellationToken) =>
        Plaintext ? _plaintext.ProtectAsync(account, key, cancellationToken)
        : Task.FromResult(new StoredSecret(null, Encoding.UTF8.GetBytes($"{account}|{key.Secret.ToBase32()}")));

    public Task<TotpSecret?> RevealAsync(AccountKey account, StoredSecret stored, CancellationToken cancellationToken)
    {
        if (!stored.HasCiphertext) return _plaintext.RevealAsync(account, stored, cancellationToken);
        var parts = Encoding.UTF8.GetString(stored.Ciphertext!).Split('|');
        return Task.FromResult(parts.Length == 2 && parts[0] == account.ToString() ? TotpSecret.TryParseBase32(parts[1]) : null);
    }
}
