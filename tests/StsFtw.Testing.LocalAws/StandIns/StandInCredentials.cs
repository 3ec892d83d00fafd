using Amazon.Runtime;

namespace StsFtw.Testing.StandIns;

/// <summary>Fixed, fake credentials the tests sign with, so no test ever looks for real ones.</summary>
public static class StandInCredentials
{
    /// <summary>The access key id.</summary>
    public const string AccessKeyId = "AKIDSTANDINEXAMPLE";

    /// <summary>The secret key (the SNS stand-in checks signatures with it).</summary>
    public const string SecretAccessKey = "stand-in/secret/key/EXAMPLEKEY0000000000";

    /// <summary>Credentials built from the two.</summary>
    public static AWSCredentials Basic => new BasicAWSCredentials(AccessKeyId, SecretAccessKey);
}
