namespace StsFtw.Client.ConsoleSignIn;

/// <summary>
/// A console sign-in URL. It signs a person in to the AWS console for as long as its token lives (15 minutes) without
/// any further proof: it is a secret. <see cref="ToString"/> hides the token; only <see cref="Url"/> holds it.
/// </summary>
public sealed class ConsoleSignInUrl
{
    internal ConsoleSignInUrl(Uri url, Uri destination, AwsPartition partition, DateTimeOffset? sessionExpiration)
    {
        Url = url;
        Destination = destination;
        Partition = partition;
        SessionExpiration = sessionExpiration;
    }

    /// <summary>The sign-in URL, token included: never log it.</summary>
    public Uri Url { get; }

    /// <summary>The console page it opens.</summary>
    public Uri Destination { get; }

    /// <summary>The partition it signs in to.</summary>
    public AwsPartition Partition { get; }

    /// <summary>When the credentials behind it expire, when known.</summary>
    public DateTimeOffset? SessionExpiration { get; }

    /// <inheritdoc />
    public override string ToString() => "https://" + Partition.SignInHost + "/federation?Action=login&SigninToken=[redacted]";
}
