using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using StsFtw.Aws.DynamoDb;
using StsFtw.Aws.Kms;
using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Totp;
using StsFtw.Testing.Fixtures;

namespace StsFtw.Aws.Tests.Failures;

/// <summary>
/// A process with no AWS credentials is told so, on every adapter, and not that the service was unreachable: the
/// failure is marked <see cref="DependencyFailureException.CredentialsMissing"/> and described as missing credentials.
/// The SDK's real wording is pinned by the module's child-process test (StsFtw.PowerShell.Tests).
/// </summary>
public sealed class MissingCredentialsTests
{
    // What AWSSDK.Core 4.1 throws when its default chain finds nothing (first line of its message).
    private const string NoCredentialsFound =
        "Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:";

    [Fact]
    public void DefaultChainFindingNothingIsMissingCredentialsNotATransportFailure()
    {
        var failure = new AmazonClientException(NoCredentialsFound);

        Assert.True(AwsFailure.IsMissingCredentials(failure));
        var described = AwsFailure.Describe(failure, Dependency.AuthTable);
        Assert.StartsWith("no AWS credentials were found", described, StringComparison.Ordinal);
        Assert.DoesNotContain("transport", described, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", described, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfileThatDoesNotExistIsMissingCredentials()
    {
        var failure = new ProfileNotFoundException("Unable to find the \"nosuch\" profile.");

        Assert.True(AwsFailure.IsMissingCredentials(failure));
        Assert.Contains("AWS_PROFILE", AwsFailure.Describe(failure, Dependency.AuthTable), StringComparison.Ordinal);
    }

    [Fact]
    public void OtherFailuresAreNotMistakenForMissingCredentials()
    {
        Assert.False(AwsFailure.IsMissingCredentials(new AmazonClientException("No RegionEndpoint or ServiceURL configured")));
        Assert.False(AwsFailure.IsMissingCredentials(new AmazonServiceException(NoCredentialsFound)));
        Assert.False(AwsFailure.IsMissingCredentials(new HttpRequestException("Connection refused")));
        Assert.False(AwsFailure.ToDependencyFailure(Dependency.AuthTable, "context", new HttpRequestException("refused")).CredentialsMissing);
    }

    [Fact]
    public async Task AuthTableWithoutCredentialsFailsMarkedAndNamesTheTable()
    {
        using var client = AuthTableClientFactory.Create(Unreachable(), credentials: new NoCredentials());
        var store = new DynamoDbEnrollmentStore(client, "auth-table");

        var error = await Assert.ThrowsAsync<DependencyFailureException>(() => store.GetAsync(new AccountKey("example", "alice"), CancellationToken.None));

        Assert.True(error.CredentialsMissing);
        Assert.Equal(Dependency.AuthTable, error.Dependency);
        Assert.Contains("auth-table", error.Message, StringComparison.Ordinal);
        Assert.Contains("no AWS credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyWithoutCredentialsFailsMarked()
    {
        using var client = KmsClientFactory.Create(Unreachable(), credentials: new NoCredentials());
        var protector = new KmsSecretProtector(client, "alias/stsftw");
        var account = new AccountKey("example", "alice");

        var error = await Assert.ThrowsAsync<DependencyFailureException>(() =>
            protector.ProtectAsync(account, new TotpKey(account.Issuer, account.AccountName, TotpSecret.Generate()), CancellationToken.None));

        Assert.True(error.CredentialsMissing);
        Assert.Equal(Dependency.SecretKey, error.Dependency);
    }

    // Nothing listens there: a request that got past signing would fail as a transport error instead.
    private static string Unreachable() => $"http://127.0.0.1:{DynaliteFixture.FreeTcpPort()}";

    /// <summary>Credentials that fail as the SDK's default chain does when it finds none.</summary>
    private sealed class NoCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException(NoCredentialsFound);

        public override Task<ImmutableCredentials> GetCredentialsAsync() => throw new AmazonClientException(NoCredentialsFound);
    }
}
