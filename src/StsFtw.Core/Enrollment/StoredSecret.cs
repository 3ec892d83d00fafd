namespace StsFtw.Core.Enrollment;

/// <summary>
/// The TOTP secret as the auth table holds it: a KMS ciphertext (new entries in a table with a key), or
/// STSFTW's plaintext <c>url</c> attribute (legacy entries and tables without a key). When both are present the
/// ciphertext wins.
/// </summary>
/// <remarks>Turning it back into a secret is <see cref="Protection.ISecretProtector"/>'s job.</remarks>
public sealed record StoredSecret(string? OtpAuthUri, byte[]? Ciphertext)
{
    /// <summary>No secret at all: such an entry can never authenticate.</summary>
    public static StoredSecret None { get; } = new(null, null);

    /// <summary>True when the entry holds a KMS ciphertext.</summary>
    public bool HasCiphertext => Ciphertext is { Length: > 0 };

    /// <summary>True when neither form is present.</summary>
    public bool IsEmpty => !HasCiphertext && string.IsNullOrEmpty(OtpAuthUri);

    /// <inheritdoc />
    public override string ToString() =>
        HasCiphertext ? "StoredSecret { Ciphertext = [redacted] }"
        : IsEmpty ? "StoredSecret { None }"
        : "StoredSecret { OtpAuthUri = [redacted] }";
}
