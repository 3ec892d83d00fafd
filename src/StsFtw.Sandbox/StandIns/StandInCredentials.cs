using Amazon.Runtime;

namespace StsFtw.Sandbox.StandIns;

/// <summary>
/// Fixed, fake credentials the sandbox and the tests sign with, so nothing ever looks for real ones, and the marks
/// on the fake credentials the STS stand-in issues.
/// </summary>
public static class StandInCredentials
{
    /// <summary>The access key id.</summary>
    public const string AccessKeyId = "AKIDSTANDINEXAMPLE";

    /// <summary>The secret key (the SNS stand-in checks signatures with it).</summary>
    public const string SecretAccessKey = "stand-in/secret/key/EXAMPLEKEY0000000000";

    /// <summary>
    /// Starts every secret access key <see cref="StsStandIn"/> issues. It never occurs in a real AWS key, so a leaked
    /// stand-in credential is recognised by pattern; the tests' secret detector (StsFtw.Testing.Hygiene's
    /// StandInSecretMarkers) looks for the same text.
    /// </summary>
    public const string IssuedSecretAccessKeyPrefix = "StandInSecretKey";

    /// <summary>Starts every session token <see cref="StsStandIn"/> issues (see <see cref="IssuedSecretAccessKeyPrefix"/>).</summary>
    public const string IssuedSessionTokenPrefix = "FwoGStandInSessionToken";

    /// <summary>Credentials built from the two.</summary>
    public static AWSCredentials Basic => new BasicAWSCredentials(AccessKeyId, SecretAccessKey);
}
