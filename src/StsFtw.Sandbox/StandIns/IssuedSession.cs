namespace StsFtw.Sandbox.StandIns;

/// <summary>A session <see cref="StsStandIn"/> issued, as the federation stand-in checks a sign-in against it.</summary>
/// <param name="AccessKeyId">The temporary access key id.</param>
/// <param name="SecretAccessKey">The secret key (marked, see <see cref="StandInCredentials"/>).</param>
/// <param name="SessionToken">The session token (marked).</param>
/// <param name="Expiration">When it expires.</param>
/// <param name="DurationSecondsSent">The DurationSeconds the AssumeRole call sent, or null when it sent none.</param>
/// <param name="ByRoleSession">Whether the caller was itself a role session (role chaining).</param>
public sealed record IssuedSession(
    string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration, int? DurationSecondsSent, bool ByRoleSession)
{
    /// <summary>
    /// Whether AWS's federation endpoint gives this session a sign-in token: not when a caller other than an IAM user
    /// with long-term keys sent DurationSeconds (IAM guide, "Enable custom identity broker access to the AWS console").
    /// </summary>
    public bool CanSignInToConsole => DurationSecondsSent is null || !ByRoleSession;

    /// <inheritdoc />
    public override string ToString() =>
        $"IssuedSession {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = [redacted], SessionToken = [redacted], Expiration = {Expiration:O}, DurationSecondsSent = {DurationSecondsSent}, ByRoleSession = {ByRoleSession} }}";
}
