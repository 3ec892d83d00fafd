namespace StsFtw.Lambda.Tests.Faults;

/// <summary>The deadline and the retry bounds the dependency fault tests hold the backend to.</summary>
internal static class FaultBounds
{
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(4);
    internal const int SdkAttempts = 1 + StsFtw.Aws.DynamoDb.AuthTableClientFactory.DefaultMaxErrorRetry;
    internal static readonly TimeSpan SdkThrottlingBackoffCeiling = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan RoundTripSlack = TimeSpan.FromMilliseconds(500);
    internal const string Minted = "CredentialsMinted";
    internal const string MintFailed = "MintFailed";
}
