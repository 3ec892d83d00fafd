namespace StsFtw.Client.Files;

/// <summary>The outcome of <see cref="SecretFile.Read"/>: a status, and the content when it is <see cref="SecretFileStatus.Found"/>.</summary>
/// <remarks><see cref="ToString"/> never shows the content.</remarks>
public sealed class SecretFileRead
{
    internal SecretFileRead(SecretFileStatus status, byte[]? content = null)
    {
        Status = status;
        Content = status == SecretFileStatus.Found ? content ?? Array.Empty<byte>() : null;
    }

    /// <summary>What was found.</summary>
    public SecretFileStatus Status { get; }

    /// <summary>The bytes, when <see cref="Status"/> is <see cref="SecretFileStatus.Found"/>; else null.</summary>
    public byte[]? Content { get; }

    /// <summary>True when the file was found and trusted.</summary>
    public bool IsFound => Status == SecretFileStatus.Found;

    /// <inheritdoc />
    public override string ToString() => IsFound ? $"Found ({Content!.Length} bytes)" : Status.ToString();
}
