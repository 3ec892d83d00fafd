namespace StsFtw.Core.Credentials;

/// <summary>Temporary credentials from STS AssumeRole.</summary>
/// <remarks><see cref="ToString"/> hides the secret key and the session token.</remarks>
public sealed record IssuedCredentials(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    string RoleArn,
    string AssumedRoleArn)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"IssuedCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = [redacted], SessionToken = [redacted], Expiration = {Expiration:O}, RoleArn = {RoleArn} }}";
}
