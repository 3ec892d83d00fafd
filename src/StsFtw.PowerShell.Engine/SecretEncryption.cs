namespace StsFtw.PowerShell.Engine;

/// <summary>What <see cref="EnrollmentAdmin.EncryptPlaintextSecretAsync"/> did to one entry.</summary>
public enum SecretEncryption
{
    /// <summary>The plaintext secret is now a KMS ciphertext; the device keeps working.</summary>
    Encrypted,

    /// <summary>The entry already held a ciphertext; nothing was written.</summary>
    AlreadyEncrypted,

    /// <summary>The entry holds no usable secret (missing, unparsable or too short); nothing was written.</summary>
    NoUsableSecret,

    /// <summary>The entry changed between the read and the write; nothing was written.</summary>
    ChangedMeanwhile,
}
