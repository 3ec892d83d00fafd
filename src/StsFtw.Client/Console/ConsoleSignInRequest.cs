namespace StsFtw.Client.ConsoleSignIn;

/// <summary>What <see cref="ConsoleSignInClient"/> turns into a sign-in URL.</summary>
/// <remarks><see cref="ToString"/> hides the secret key and the session token.</remarks>
public sealed class ConsoleSignInRequest
{
    /// <summary>A request for <paramref name="credentials"/>.</summary>
    public ConsoleSignInRequest(BrokeredCredentials credentials)
    {
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
    }

    /// <summary>The session to sign in with: temporary credentials from AssumeRole (a session token is required).</summary>
    public BrokeredCredentials Credentials { get; }

    /// <summary>The region the console opens in, and the partition's hint when <see cref="Partition"/> is not given.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// The partition; null for the one the credentials' role ARN names, else the region's (see
    /// <see cref="AwsPartition.ForRegion"/>).
    /// </summary>
    public AwsPartition? Partition { get; init; }

    /// <summary>The console page to open (https://); null for the console home of <see cref="Region"/>.</summary>
    public Uri? Destination { get; init; }

    /// <summary>
    /// Where AWS sends the person when the console session ends (a URL, or a short name); null for
    /// <see cref="ConsoleSignInClient.DefaultIssuer"/>.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>
    /// The DurationSeconds the credentials were requested with, when known: a length other than 3600 was sent to
    /// AssumeRole, so AWS's federation endpoint would refuse the session and the client refuses it first.
    /// </summary>
    public int? RequestedDurationSeconds { get; init; }

    /// <summary>The partition that applies: <see cref="Partition"/>, else the role ARN's, else the region's.</summary>
    public AwsPartition EffectivePartition =>
        Partition ?? AwsPartition.OfArn(Credentials.AssumedRoleArn) ?? AwsPartition.OfArn(Credentials.RoleArn) ?? AwsPartition.ForRegion(Region);

    /// <inheritdoc />
    public override string ToString() =>
        $"ConsoleSignInRequest {{ AccessKeyId = {Credentials.AccessKeyId}, SecretAccessKey = [redacted], SessionToken = [redacted], Region = {Region}, Partition = {EffectivePartition}, Destination = {Destination} }}";
}
