using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.DynamoDBv2.Model;
using StsFtw.Aws.DynamoDb;
using StsFtw.Cli.Tests.Support;
using StsFtw.Core.Accounts;
using StsFtw.Core.Invitations;
using StsFtw.Core.Totp;
using StsFtw.Sandbox;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Cli.Tests.Published;

/// <summary>
/// SECURITY.md rule I12 for the admin's <c>stsftw enroll</c> (as <c>New-StsEnrollment</c>): an account holding only an
/// invitation has no device, so it is enrolled without <c>--force</c>, the whole item is replaced, and the invitation
/// stops working. The published binary on the pseudo-terminal driver against the sandbox (the real backend process
/// over dynalite and the stand-ins), so the person's redemption and the new device's credentials are real requests.
/// </summary>
public sealed partial class AdminEnrollOfInvitedAccountTests : IDisposable
{
    private static readonly string Driver = TerminalDriver.Script;
    private readonly ClientHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task AnInvitedOnlyAccountIsEnrolledWithoutForceAndItsInvitationCanNoLongerBeRedeemed()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var sandbox = await SandboxHost.StartAsync(null, _ => { }, CancellationToken.None);
        var account = new AccountKey(SandboxHost.Issuer, "gwen");
        var (code, grant) = InvitationGrant.Create(account, ["Developer"], [], DateTimeOffset.UtcNow, null, false);
        using var dynamo = AuthTableClientFactory.Create(sandbox.DynamoDbUrl, RegionEndpoint.USEast1, StandInCredentials.Basic);
        await new DynamoDbInvitationStore(dynamo, SandboxHost.TableName).CreateInvitationAsync(grant, CancellationToken.None);

        var enroll = await OnTerminalAsync(binary, "admin", Admin(sandbox), "enroll", "--show-uri", "--account-name", "gwen", "--roles", "Developer",
            "--kms-key-id", SandboxHost.KeyAlias);
        var stepAfterEnroll = TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow);

        Assert.True(enroll.ExitCode == 0, enroll.Transcript);
        Assert.Equal($"Enrolled gwen ({SandboxHost.Issuer}) in {SandboxHost.TableName}: roles Developer; secret encrypted with KMS; the outstanding invitation no longer works.\n",
            enroll.Stdout);
        Assert.Contains($"stsftw: {account} holds an outstanding invitation: enrolling a device here ends it, and its code stops working.", enroll.Transcript,
            StringComparison.Ordinal);
        var item = (await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = SandboxHost.TableName,
            ConsistentRead = true,
            Key = new() { ["issuer"] = new AttributeValue { S = account.Issuer }, ["account_name"] = new AttributeValue { S = account.AccountName } },
        })).Item;
        Assert.True(item.ContainsKey("totp_secret_ciphertext"));
        Assert.DoesNotContain(item.Keys, name => name.StartsWith("invitation_", StringComparison.Ordinal) || name == "pending_secret_ciphertext");

        var redeem = await OnTerminalAsync(binary, "person", Person(sandbox), "enroll", "--show-uri", "--invitation", code.Reveal());

        Assert.NotEqual(0, redeem.ExitCode);
        Assert.Empty(redeem.Stdout);
        Assert.DoesNotContain("otpauth://", redeem.Transcript, StringComparison.Ordinal);

        Assert.True(OtpAuthUri.TryParse(ShownUri().Match(enroll.Transcript).Value, out var key, out _));
        // The enrollment's second code was of the step after the one it was typed in: the first code left to use is later.
        while (TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow) <= stepAfterEnroll) await Task.Delay(500);
        var next = TotpVerifier.ComputeCode(key!.Secret, TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow) + 1);
        var credentials = await CliRun.StartAsync(binary, ["credential-process", "--role", "Developer", "--totp-code-command", $"echo {next}"], Person(sandbox));

        Assert.True(credentials.ExitCode == 0, credentials.Error);
        using var document = JsonDocument.Parse(credentials.Output);
        Assert.StartsWith("ASIA", document.RootElement.GetProperty("AccessKeyId").GetString(), StringComparison.Ordinal);
    }

    private sealed record TerminalRun(int ExitCode, string Stdout, string Transcript);

    private async Task<TerminalRun> OnTerminalAsync(string binary, string name, Dictionary<string, string> environment, params string[] args)
    {
        var stdout = Path.Combine(_home.Path, name + ".out");
        var transcript = Path.Combine(_home.Path, name + ".tty");
        var run = await CliRun.StartAsync("python3", [Driver, "--phone", "--timeout", "40", stdout, transcript, "--", binary, .. args], environment);
        return new TerminalRun(run.ExitCode, await File.ReadAllTextAsync(stdout), await File.ReadAllTextAsync(transcript));
    }

    private Dictionary<string, string> Admin(SandboxHost sandbox)
    {
        var environment = _home.Bare();
        environment["AWS_ENDPOINT_URL_DYNAMODB"] = sandbox.DynamoDbUrl;
        environment["AWS_ENDPOINT_URL_KMS"] = sandbox.KmsUrl;
        environment["AWS_REGION"] = "us-east-1";
        environment["AWS_ACCESS_KEY_ID"] = StandInCredentials.AccessKeyId;
        environment["AWS_SECRET_ACCESS_KEY"] = StandInCredentials.SecretAccessKey;
        environment["STS_TABLE_NAME"] = SandboxHost.TableName;
        environment["STS_ISSUER"] = SandboxHost.Issuer;
        return environment;
    }

    private Dictionary<string, string> Person(SandboxHost sandbox)
    {
        var environment = _home.Bare();
        environment["STS_ENDPOINT"] = sandbox.Endpoint.ToString();
        environment["STS_ISSUER"] = SandboxHost.Issuer;
        environment["STS_ACCOUNT_NAME"] = "gwen";
        return environment;
    }

    [GeneratedRegex(@"otpauth://totp/[^\s\x1b]+")]
    private static partial Regex ShownUri();
}
