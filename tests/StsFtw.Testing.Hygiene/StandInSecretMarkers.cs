namespace StsFtw.Testing.Hygiene;

/// <summary>
/// Prefixes every stand-in puts on the credentials it issues, so a leaked credential is recognised by pattern even
/// where no test remembered it. Neither prefix occurs in real AWS credentials.
/// </summary>
public static class StandInSecretMarkers
{
    /// <summary>Starts every secret access key a stand-in issues.</summary>
    public const string SecretAccessKey = "StandInSecretKey";

    /// <summary>Starts every session token a stand-in issues.</summary>
    public const string SessionToken = "FwoGStandInSessionToken";

    /// <summary>Starts every console sign-in token the federation stand-in gives out (and so is in every sign-in URL it leads to).</summary>
    public const string SigninToken = "StandInSigninToken";
}
