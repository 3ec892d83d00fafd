namespace StsFtw.PowerShell.Output;

/// <summary>
/// A console sign-in URL from Get-StsConsoleUrl. <see cref="Url"/> signs a person in to the AWS console for 15 minutes
/// without further proof: the default view shows only the destination, the partition and the expiration, and
/// <see cref="ToString"/> hides the token, so the URL reaches a screen or a transcript only when asked for by name.
/// </summary>
public sealed class StsConsoleSignIn
{
    /// <summary>The sign-in URL, token included (a secret: open it, do not log or share it).</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The console page it opens.</summary>
    public string Destination { get; set; } = string.Empty;

    /// <summary>The AWS partition it signs in to (aws, aws-us-gov, aws-cn).</summary>
    public string Partition { get; set; } = string.Empty;

    /// <summary>When the credentials behind it expire (UTC), when known; the console session ends by then at the latest.</summary>
    public DateTime? Expiration { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"StsConsoleSignIn {{ Destination = {Destination}, Url = [redacted: use .Url or -Open] }}";
}
