namespace StsFtw.Core.Protection;

/// <summary>Whether entries that hold STSFTW's plaintext <c>url</c> instead of a KMS ciphertext may authenticate.</summary>
/// <remarks>
/// A table upgraded from STSFTW holds plaintext entries until each is protected, so <see cref="Accept"/> is the
/// default. Once every entry holds a ciphertext, <see cref="Refuse"/> means that write access to the table is no
/// longer enough to enroll an authenticator: a forged entry also needs <c>kms:Encrypt</c> under the account's
/// encryption context.
/// </remarks>
public enum PlaintextSecretPolicy
{
    /// <summary>Plaintext <c>url</c> entries verify as they did under STSFTW.</summary>
    Accept,

    /// <summary>Only KMS ciphertexts verify; a plaintext entry never authenticates.</summary>
    Refuse,
}
